// Sandbox throughput and latency, per store: a read (GET subscriptions list) and a write (POST
// rewards redemption with a fresh Idempotency-Key each). Prints figures; asserts nothing.
// Bounded: every phase runs for a fixed time; the whole run takes well under a minute.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http, { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../bin/config';
import { silentLogger } from '../platform/logger';
import { systemClock } from '../sandbox/clock';
import { customerKey, type CustomerRecord } from '../sandbox/customers/customerStore';
import { grantPoints } from '../sandbox/rewards/rewardsLedger';
import { startSandbox, type RunningSandbox } from '../bin/startSandbox';
import { privateRedis, type TestRedis } from '../test/support/redisServer';
import { percentile } from '../platform/percentile';

const CONCURRENCY = 50;
const WARMUP_MS = 2000;
const PHASE_MS = 5000;
const HOT_PHASE_MS = 3000;
/** Redemptions are spread over this many accounts, as real traffic is (one customer rarely redeems twice at once). */
const BENCH_ACCOUNTS = 100;
const TOKEN = 'bench-sandbox-token-0123456789';

interface Target {
  method: 'GET' | 'POST';
  path: (i: number) => string;
  body?: string;
  idempotent?: boolean;
}

interface PhaseResult {
  name: string;
  requests: number;
  failed: Record<number, number>;
  seconds: number;
  latencies: number[];
}

function send(agent: http.Agent, port: number, t: Target, i: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` };
    if (t.body) Object.assign(headers, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(t.body)) });
    if (t.idempotent) headers['idempotency-key'] = randomUUID();
    const req = http.request({ host: '127.0.0.1', port, method: t.method, path: t.path(i), agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(t.body);
  });
}

/** `CONCURRENCY` keep-alive connections, each sending its next request as soon as the last one answered, until `ms` have passed. */
async function load(name: string, port: number, t: Target, ms: number): Promise<PhaseResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  const failed: Record<number, number> = {};
  let n = 0;
  const start = performance.now();
  const deadline = start + ms;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        const i = n++;
        const t0 = performance.now();
        const status = await send(agent, port, t, i).catch(() => 0);
        latencies.push(performance.now() - t0);
        if (status < 200 || status >= 300) failed[status] = (failed[status] ?? 0) + 1;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  agent.destroy();
  return { name, requests: latencies.length, failed, seconds, latencies };
}

const pct = (xs: number[], p: number) => percentile(xs, p) ?? 0;

function report(store: string, results: PhaseResult[]): void {
  console.log(`\n${store} store (${CONCURRENCY} concurrent keep-alive connections)`);
  console.log(`${'scenario'.padEnd(44)}${'requests'.padStart(10)}${'req/s'.padStart(10)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}  non-2xx`);
  for (const r of results) {
    const errors = Object.entries(r.failed).map(([s, c]) => `${s === '0' ? 'network' : s}×${c}`).join(' ') || '0';
    console.log(
      `${r.name.padEnd(44)}${String(r.requests).padStart(10)}${(r.requests / r.seconds).toFixed(0).padStart(10)}${pct(r.latencies, 50).toFixed(1).padStart(10)}${pct(r.latencies, 99).toFixed(1).padStart(10)}  ${errors}`,
    );
  }
}

async function seedBenchAccounts(sandbox: RunningSandbox): Promise<string[]> {
  const ids = Array.from({ length: BENCH_ACCOUNTS }, (_, i) => `bench-${String(i).padStart(3, '0')}`);
  const now = new Date().toISOString();
  for (const id of ids) {
    const customer: CustomerRecord = { id, name: `Bench ${id}`, email: `${id}@example.com`, storeCreditCents: 0 };
    await sandbox.store.transact([customerKey(id)], () => ({ writes: [{ key: customerKey(id), value: customer }], result: null }));
    await grantPoints(sandbox.store, id, { type: 'adjust', points: 100_000_000, description: 'Benchmark grant', createdAt: now });
  }
  await grantPoints(sandbox.store, 'cus-ava', { type: 'adjust', points: 100_000_000, description: 'Benchmark grant', createdAt: now });
  return ids;
}

async function benchStore(store: 'memory' | 'redis', redisUrl?: string): Promise<void> {
  const env: Record<string, string> = { STORE: store, SANDBOX_TOKEN: TOKEN, LOG_LEVEL: 'silent' };
  if (redisUrl) Object.assign(env, { REDIS_URL: redisUrl, REDIS_PREFIX: `bench${Date.now()}:` });
  const sandbox = await startSandbox(loadConfig(env), silentLogger(), systemClock);
  const server = createServer({ keepAliveTimeout: 10_000 }, sandbox.app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  try {
    const accounts = await seedBenchAccounts(sandbox);
    const read: Target = { method: 'GET', path: () => '/v1/customers/cus-ava/subscriptions' };
    const redeem: Target = {
      method: 'POST',
      path: (i) => `/v1/customers/${accounts[i % accounts.length]}/rewards/redemptions`,
      body: JSON.stringify({ points: 100 }),
      idempotent: true,
    };
    const hot: Target = { ...redeem, path: () => '/v1/customers/cus-ava/rewards/redemptions' };
    await load('warm-up', port, read, WARMUP_MS);
    report(store, [
      await load('GET subscriptions list', port, read, PHASE_MS),
      await load(`POST redemption (${BENCH_ACCOUNTS} accounts, new key each)`, port, redeem, PHASE_MS),
      await load('POST redemption (one account: contention)', port, hot, HOT_PHASE_MS),
    ]);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await sandbox.close();
  }
}

async function main(): Promise<void> {
  console.log(`sandbox benchmark: client and sandbox share one Node process on loopback (${process.version})`);
  await benchStore('memory');
  const hasRedis = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!hasRedis) {
    console.log('\nredis store: skipped (no redis-server on PATH)');
    return;
  }
  let redis: TestRedis | undefined;
  try {
    redis = await privateRedis();
    await benchStore('redis', redis.url);
  } finally {
    await redis?.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
