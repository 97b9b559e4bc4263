import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface TestRedis {
  url: string;
  /** Stops the server (tests of outages); `start()` brings it back on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Freezes the server (SIGSTOP): connections stay open and commands wait unanswered, as when Redis hangs. */
  freeze(): void;
  /** Lets a frozen server go on (SIGCONT): it then runs every command it had received. */
  thaw(): void;
  /** Fresh connection for the test's own use. */
  client(): Redis;
  /** The redis-server process id when the tests started it (e.g. to freeze it with SIGSTOP); undefined for an external REDIS_URL. */
  pid(): number | undefined;
  /** Removes every key (between tests). */
  flush(): Promise<void>;
}

let shared: Promise<TestRedis> | undefined;

/**
 * The Redis the tests use: `REDIS_URL` when given (never stopped by tests), otherwise one
 * `redis-server` per test process on a free port, without persistence, started on first use.
 */
export function testRedis(): Promise<TestRedis> {
  shared ??= process.env.REDIS_URL ? external(process.env.REDIS_URL) : ownServer();
  return shared;
}

/** An extra, separate redis-server (tests that stop Redis must not disturb the shared one). */
export function privateRedis(): Promise<TestRedis> {
  return ownServer();
}

async function external(url: string): Promise<TestRedis> {
  const admin = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1 });
  return {
    url,
    stop: async () => {
      throw new Error('cannot stop an external REDIS_URL');
    },
    start: async () => {},
    freeze: () => {
      throw new Error('cannot freeze an external REDIS_URL');
    },
    thaw: () => {},
    client: () => new Redis(url),
    pid: () => undefined,
    flush: async () => void (await admin.flushdb()),
  };
}

async function ownServer(): Promise<TestRedis> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'paw-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  let proc: ChildProcess | undefined;
  const start = async () => {
    proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
    proc.unref();
    const deadline = Date.now() + 10_000;
    for (;;) {
      const ok = await new Promise<boolean>((resolve) => {
        const s = net.connect(port, '127.0.0.1', () => {
          s.end();
          resolve(true);
        });
        s.on('error', () => resolve(false));
      });
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`redis-server did not start on port ${port}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const stop = async () => {
    const p = proc;
    proc = undefined;
    if (!p || p.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      p.once('exit', () => resolve());
      p.kill('SIGKILL');
    });
  };
  await start();
  process.once('exit', () => {
    proc?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  let admin: Redis | undefined;
  return {
    url,
    stop,
    start,
    freeze: () => void proc?.kill('SIGSTOP'),
    thaw: () => void proc?.kill('SIGCONT'),
    client: () => new Redis(url),
    pid: () => proc?.pid,
    flush: async () => {
      admin ??= new Redis(url);
      await admin.flushall();
    },
  };
}
