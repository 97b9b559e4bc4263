import type { Router } from 'express';
import type { BotEvents } from '../bot/botEvents';
import type { HandoffEvents } from '../bot/handoff/handoffEvents';
import type { ActiveModel } from '../nlu/models/activeModel';
import type { ModelBus } from '../nlu/models/modelBus';
import type { ModelRegistry } from '../nlu/models/modelRegistry';
import type { Config } from './config';
import type { Logger } from '../platform/logger';
import type { DocStore } from '../platform/store/docStore';
import type { RateLimit, RateLimiter } from '../platform/store/rateLimiter';
import { captureForReview } from '../training/review/reviewCapture';
import type { ReviewInbox } from '../training/review/reviewInbox';
import { ReviewedCorpus } from '../training/review/reviewedCorpus';
import type { SessionStore } from '../platform/auth/sessionStore';
import { trainerApiRouter } from '../web/trainer/trainerApi';
import { trainerPageRouter } from '../web/trainer/trainerPage';
import { TrainingJobs } from '../training/trainingJobs';

export interface TrainerDeps {
  config: Pick<
    Config,
    'REVIEW_LOW_CONFIDENCE_MARGIN' | 'REVIEW_CORPUS_FILE' | 'PUBLISH_MIN_ACCURACY' | 'PUBLISH_MAX_F1_DROP'
  >;
  logger: Logger;
  docs: DocStore;
  /** The review inbox (`Stores.reviewInbox`; its owner closes it). */
  inbox: ReviewInbox;
  /** Builds rate limiters (shared by every instance when Redis is used). */
  rateLimiter: (limit: RateLimit, name: string) => RateLimiter;
  sessions: SessionStore;
  registry: ModelRegistry;
  bus: ModelBus;
  model: ActiveModel;
  botEvents: BotEvents;
  handoffEvents?: HandoffEvents;
  /** Absolute paths: project root, corpus directory, versions directory, test set. */
  paths: { root: string; intentsDir: string; versionsDir: string; testSet: string; reviewCorpusFile: string };
}

export interface TrainerFeature {
  inbox: ReviewInbox;
  jobs: TrainingJobs;
  /** `/trainer`, `/trainer/assets/*`, `/trainer/api/*` and `GET /admin/model`, for `createServerApp`'s `routers`. */
  routers: Router[];
  close(): Promise<void>;
}

/**
 * The trainers' feature, assembled: the review inbox filled from the bot's and
 * the handoff hub's events, the reviewed-corpus file, training jobs, and the page and API.
 */
export function createTrainer(d: TrainerDeps): TrainerFeature {
  const inbox = d.inbox;
  const stopCapture = captureForReview({
    inbox,
    botEvents: d.botEvents,
    handoffEvents: d.handoffEvents,
    thresholds: () => d.model.thresholds(),
    lowConfidenceMargin: d.config.REVIEW_LOW_CONFIDENCE_MARGIN,
    recognizer: d.model.recognizer,
    logger: d.logger,
    rateLimiter: d.rateLimiter,
  });
  const jobs = new TrainingJobs({ docs: d.docs, registry: d.registry, logger: d.logger, root: d.paths.root, intentsDir: d.paths.intentsDir, versionsDir: d.paths.versionsDir, testSet: d.paths.testSet });
  const api = trainerApiRouter({
    sessions: d.sessions,
    inbox,
    corpus: new ReviewedCorpus(d.paths.reviewCorpusFile, d.paths.intentsDir),
    registry: d.registry,
    bus: d.bus,
    model: d.model,
    jobs,
    policy: { minAccuracy: d.config.PUBLISH_MIN_ACCURACY, maxF1Drop: d.config.PUBLISH_MAX_F1_DROP },
    testSet: d.paths.testSet,
  });
  return {
    inbox,
    jobs,
    routers: [trainerPageRouter(), api],
    close: async () => {
      stopCapture();
      await jobs.close();
    },
  };
}
