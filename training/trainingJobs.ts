import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { readModelFiles, writeModelFiles } from '../nlu/models/modelFiles';
import type { ModelRegistry, Probe, Scorecard } from '../nlu/models/modelRegistry';
import { conflict } from '../platform/errors';
import type { Logger } from '../platform/logger';
import type { DocStore } from '../platform/store/docStore';
import { loadCorpus } from './corpus';
import { testSetHash, type EvaluationReport } from './evaluate';
import { renderEvaluationHtml } from './evaluationReportHtml';
import { toScorecard } from './scorecard';

/** A training or evaluation run started from the trainer page, as every instance sees it. */
export interface JobState {
  id: string;
  kind: 'train' | 'evaluate';
  /** The version evaluated, or (when done) trained. */
  version?: string;
  state: 'running' | 'succeeded' | 'failed';
  by: string;
  startedAt: string;
  finishedAt?: string;
  /** The last progress lines. */
  lines: string[];
  error?: string;
  /** Refreshed while the child process runs: a stale one means its instance died. */
  heartbeatAt: string;
}

/** A stored evaluation of a version: the page and its headline figures. */
export interface StoredReport {
  version: string;
  html: string;
  at: string;
}

export interface TrainingJobsOptions {
  docs: DocStore;
  registry: ModelRegistry;
  logger: Logger;
  /** Project root (scripts are run from here). */
  root: string;
  intentsDir: string;
  versionsDir: string;
  testSet: string;
}

const JOB = 'trainer:job';
const reportKey = (version: string) => `trainer:report:${version}`;
const MAX_LINES = 40;
const STALE_MS = 60_000;
const HEARTBEAT_MS = 5_000;
/** Reports are kept as long as models usually are. */
const REPORT_TTL_SECONDS = 90 * 86_400;

/**
 * Runs training and evaluation for the trainer page in child processes (CPU-heavy work never
 * stalls customers' messages), one at a time per deployment: the job's state and progress live
 * in the shared DocStore, so any instance can show them. A trained model is stored in the
 * registry (not published) with its test-set figures, probes and HTML report.
 */
export class TrainingJobs {
  private child?: ChildProcess;
  private readonly tsx: string;

  constructor(private readonly o: TrainingJobsOptions) {
    this.tsx = path.join(path.dirname(require.resolve('tsx/package.json')), 'dist', 'cli.mjs');
  }

  async current(): Promise<JobState | undefined> {
    return (await this.o.docs.get<JobState>(JOB))?.value;
  }

  async report(version: string): Promise<StoredReport | undefined> {
    return (await this.o.docs.get<StoredReport>(reportKey(version)))?.value;
  }

  /** Trains a new version from the corpus. @throws AppError 409 while another job runs */
  train(by: string): Promise<JobState> {
    return this.start('train', by, undefined, async (job) => {
      let result: { version: string; dir: string } | undefined;
      let error: string | undefined;
      await this.run(job, path.join(this.o.root, 'bin/cli/trainJob.ts'), ['--corpus', this.o.intentsDir, '--versions-dir', this.o.versionsDir, '--test', this.o.testSet], (line) => {
        let msg: { type: string; message?: string; version?: string; dir?: string };
        try {
          msg = JSON.parse(line) as typeof msg;
        } catch {
          return line;
        }
        if (msg.type === 'result') result = { version: msg.version!, dir: msg.dir! };
        if (msg.type === 'error') error = msg.message;
        return msg.message ?? (msg.type === 'result' ? `trained ${msg.version}` : undefined);
      });
      if (!result) throw new Error(error ?? 'training stopped without a model');
      const files = await readModelFiles(result.dir);
      const metrics = files.metadata.metrics as (Scorecard & { testSet?: string }) | undefined;
      const scorecard = metrics ? (({ testSet: _t, ...s }) => s)(metrics) : undefined;
      await this.o.registry.add(files, { by, scorecard, probes: files.metadata.probes as Probe[] | undefined });
      const evaluation = await readFile(path.join(result.dir, 'evaluation.json'), 'utf8').catch(() => undefined);
      if (evaluation) await this.storeReport(result.version, JSON.parse(evaluation) as EvaluationReport);
      return result.version;
    });
  }

  /** Evaluates a stored version on the test set (figures + report). @throws AppError 404, 409 */
  async evaluate(version: string, by: string): Promise<JobState> {
    const files = await this.o.registry.files(version);
    return this.start('evaluate', by, version, async (job) => {
      const dir = await mkdtemp(path.join(tmpdir(), 'paw-evaluate-'));
      try {
        await writeModelFiles(path.join(dir, 'model'), files);
        const json = path.join(dir, 'evaluation.json');
        await this.run(job, path.join(this.o.root, 'bin/cli/evaluate.ts'), ['--model', path.join(dir, 'model'), '--test', this.o.testSet, '--json', json], (line) => line.replace(/^\[evaluate\] /, ''));
        const report = JSON.parse(await readFile(json, 'utf8')) as EvaluationReport;
        const rows = await loadCorpus(this.o.testSet);
        await this.o.registry.setScorecard(version, toScorecard(report, testSetHash(rows)));
        await this.storeReport(version, report);
        return version;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  }

  private async storeReport(version: string, report: EvaluationReport): Promise<void> {
    const html = renderEvaluationHtml(report, { title: `Evaluation of ${version}`, subtitle: `model ${version}, test set ${path.relative(this.o.root, this.o.testSet)} (${report.rows} rows)`, generatedAt: new Date() });
    const value: StoredReport = { version, html, at: new Date().toISOString() };
    await this.o.docs.transact([reportKey(version)], () => ({ writes: [{ key: reportKey(version), value, ttlSeconds: REPORT_TTL_SECONDS }], result: null }));
  }

  private async start(kind: JobState['kind'], by: string, version: string | undefined, work: (job: JobState) => Promise<string>): Promise<JobState> {
    const now = new Date();
    const job: JobState = { id: randomUUID(), kind, ...(version ? { version } : {}), state: 'running', by, startedAt: now.toISOString(), lines: [], heartbeatAt: now.toISOString() };
    await this.o.docs.transact([JOB], (read) => {
      const cur = read<JobState>(JOB)?.value;
      if (cur?.state === 'running' && now.getTime() - Date.parse(cur.heartbeatAt) < STALE_MS) {
        throw conflict(`A ${cur.kind} job started by ${cur.by} is still running: wait for it to finish.`);
      }
      return { writes: [{ key: JOB, value: job }], result: null };
    });
    this.o.logger.info({ job: job.id, kind, by, version }, 'trainer job started');
    void work(job).then(
      (v) => this.finish(job.id, { state: 'succeeded', version: v }),
      (err: unknown) => this.finish(job.id, { state: 'failed', error: (err as Error).message }),
    );
    return job;
  }

  private async patch(id: string, change: (j: JobState) => JobState): Promise<void> {
    await this.o.docs.transact([JOB], (read) => {
      const cur = read<JobState>(JOB)?.value;
      if (!cur || cur.id !== id) return { result: null };
      return { writes: [{ key: JOB, value: change(cur) }], result: null };
    });
  }

  private async finish(id: string, end: { state: 'succeeded' | 'failed'; version?: string; error?: string }): Promise<void> {
    if (end.state === 'failed') this.o.logger.warn({ job: id, err: end.error }, 'trainer job failed');
    else this.o.logger.info({ job: id, version: end.version }, 'trainer job finished');
    await this.patch(id, (j) => ({
      ...j,
      state: end.state,
      ...(end.version ? { version: end.version } : {}),
      ...(end.error ? { error: end.error } : {}),
      finishedAt: new Date().toISOString(),
      lines: [...j.lines, end.state === 'succeeded' ? 'done' : `failed: ${end.error}`].slice(-MAX_LINES),
    })).catch((err: unknown) => this.o.logger.warn({ err: (err as Error).message }, 'could not record the end of a trainer job'));
  }

  /** Runs a script with tsx, turning each stdout/stderr line into a progress line (or none). */
  private run(job: JobState, script: string, args: string[], toLine: (raw: string) => string | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [this.tsx, script, ...args], { cwd: this.o.root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
      this.child = child;
      let pending: string[] = [];
      let tail: string[] = [];
      const flush = async () => {
        const lines = pending;
        pending = [];
        await this.patch(job.id, (j) => ({ ...j, lines: [...j.lines, ...lines].slice(-MAX_LINES), heartbeatAt: new Date().toISOString() })).catch(() => undefined);
      };
      const timer = setInterval(() => void flush(), HEARTBEAT_MS / 5);
      timer.unref();
      const onLine = (raw: string) => {
        tail = [...tail, raw].slice(-5);
        const line = toLine(raw.trim());
        if (line) pending.push(line);
      };
      createInterface({ input: child.stdout! }).on('line', onLine);
      createInterface({ input: child.stderr! }).on('line', onLine);
      child.once('error', (err) => {
        clearInterval(timer);
        reject(err);
      });
      child.once('exit', (code, signal) => {
        clearInterval(timer);
        this.child = undefined;
        void flush().then(() => (code === 0 ? resolve() : reject(new Error(`the ${job.kind} process ended with ${signal ?? `code ${code}`}: ${tail.join(' | ')}`))));
      });
    });
  }

  /** Stops a running child process (shutdown). */
  async close(): Promise<void> {
    this.child?.kill('SIGTERM');
  }
}
