import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from './redisServer';

const ROOT = path.join(__dirname, '../..');

export interface ProductProcess {
  url: string;
  sandboxUrl: string;
  child: ChildProcess;
  /** Everything the process printed. */
  output(): string;
  /** SIGTERM, then wait for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * The product exactly as `npm start` runs it (bin/server.ts in its own process), on free ports,
 * with the test model directory so tests share one trained model.
 */
export async function startProduct(env: Record<string, string> = {}): Promise<ProductProcess> {
  const port = await freePort();
  const sandboxPort = await freePort();
  let out = '';
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'bin/server.ts')], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', PORT: String(port), SANDBOX_PORT: String(sandboxPort), MODEL_DIR: 'models/test', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the product did not start in 120 s:\n${out}`)), 120_000);
    const check = () => {
      if (out.includes('PawSupport is up')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the product exited with ${code}:\n${out}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    sandboxUrl: `http://127.0.0.1:${sandboxPort}`,
    child,
    output: () => out,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      }),
  };
}
