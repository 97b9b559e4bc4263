import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../bin/config';
import { silentLogger } from '../../platform/logger';
import type { Clock } from '../../sandbox/clock';
import { startSandbox, type RunningSandbox } from '../../bin/startSandbox';
import { testRedis } from './redisServer';

export const SANDBOX_TOKEN = 'test-sandbox-token-0123456789';

/** A fixed clock for deterministic seed dates: 2026-11-26 12:00 UTC unless given. */
export function fixedClock(iso = '2026-11-26T12:00:00.000Z'): Clock & { set(iso: string): void; advance(ms: number): void } {
  let now = new Date(iso);
  return { now: () => new Date(now), set: (i) => void (now = new Date(i)), advance: (ms) => void (now = new Date(now.getTime() + ms)) };
}

export interface TestSandbox extends RunningSandbox {
  url: string;
  token: string;
  server: Server;
}

/**
 * A real sandbox HTTP server on 127.0.0.1 (random port), seeded, on the memory store or on
 * the test Redis (fresh key prefix per server).
 */
export async function startTestSandbox(opts: { store?: 'memory' | 'redis'; clock?: Clock; faults?: string } = {}): Promise<TestSandbox> {
  const store = opts.store ?? 'memory';
  const env: Record<string, string> = { SANDBOX_TOKEN, STORE: store, ...(opts.faults ? { SANDBOX_FAULTS: opts.faults } : {}) };
  if (store === 'redis') {
    env.REDIS_URL = (await testRedis()).url;
    env.REDIS_PREFIX = `t${randomUUID().slice(0, 8)}:`;
  }
  const config = loadConfig(env);
  const sandbox = await startSandbox(config, silentLogger(), opts.clock ?? fixedClock());
  const server = createServer(sandbox.app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...sandbox,
    url,
    token: SANDBOX_TOKEN,
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await sandbox.close();
    },
  };
}

/** `fetch` with the service token and JSON body. */
export async function call(
  sb: { url: string; token: string },
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(sb.url + path, {
    method,
    headers: { authorization: `Bearer ${sb.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* keep text */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}
