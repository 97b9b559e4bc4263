import type { HandoffReason } from '../../bot/handoff/handoffPacket';
import type { ReviewItem, ReviewReason, ReviewStatus } from '../../training/review/reviewItem';

/*
 * What the trainer page reads of the trainer API, for the page's scripts (through JSDoc in
 * `web/tsconfig.json`). The model registry and the training jobs are Node modules, so these are
 * the parts the page reads; `trainerApi.ts` checks with `satisfies` that it sends them.
 * Type-only imports of browser-safe modules: this file is part of the browser type-check.
 */

export type { ReviewItem };

/** `GET /trainer/api/inbox`. */
export interface InboxPage {
  items: ReviewItem[];
  total: number;
}

/** A model's headline figures. */
export interface ScorecardView {
  inScopeAccuracy: number;
  oosRecall: number | null;
  oosPrecision: number | null;
  macroF1: number;
}

/** One stored model version. */
export interface ModelEntryView {
  version: string;
  examples: number;
  intents: string[];
  scorecard?: ScorecardView;
  addedBy: string;
  publishedAt?: string;
}

/** `GET /trainer/api/models`: the active model, what this instance serves, every version, what changed. */
export interface ModelsView {
  active: (Omit<ModelEntryView, 'publishedAt'> & { publishedAt: string | null; publishedBy: string | null }) | null;
  serving: { version: string };
  entries: ModelEntryView[];
  history: { version: string; action: string; by: string; at: string }[];
}

/** `GET /trainer/api/job`: the training or evaluation running or last run. */
export interface JobView {
  job: { kind: 'train' | 'evaluate'; version?: string; state: 'running' | 'succeeded' | 'failed'; lines: string[]; error?: string } | null;
}

/** The labels the trainer page carries (`#page-data`), from the server's constants. */
export interface TrainerPageData {
  reviewReasons: Readonly<Record<ReviewReason, string>>;
  reviewStatuses: Readonly<Record<ReviewStatus, string>>;
  /** Why the bot handed off, for items that came from a handoff. */
  handoffReasons: Readonly<Record<HandoffReason, string>>;
}
