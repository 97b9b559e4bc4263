import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import WebSocket from 'ws';
import { RedisActivityLog } from '../../bot/channels/redisActivityLog';
import { freePort, testRedis } from '../support/redisServer';
import { openChat } from './support/opsTestServer';
import { loadConfig } from '../../bin/config';

const ROOT = path.join(__dirname, '../..');
const GRACE_MS = 8000;

/**
 * `npm start` in a child process receives SIGTERM while a bot turn waits on a slow internal API:
 * new conversations are refused with 503 + Retry-After, the turn finishes, its reply reaches the
 * open stream and the shared log, the stream closes with 1012 (reconnect), the process exits 0
 * within the grace period.
 */
describe('graceful shutdown of the server process', function () {
  this.timeout(120_000);
  let child: ChildProcess | undefined;
  let output = '';
  after(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('loses no in-flight reply', async () => {
    const redis = await testRedis();
    const [port, sandboxPort] = [await freePort(), await freePort()];
    const prefix = `shut${Date.now().toString(36)}:`;
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      SANDBOX_PORT: String(sandboxPort),
      STORE: 'redis',
      REDIS_URL: redis.url,
      REDIS_PREFIX: prefix,
      MODEL_DIR: 'models/test',
      LOG_LEVEL: 'info',
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
      DIRECTLINE_CONVERSATIONS_PER_MINUTE: '1000',
      SANDBOX_FAULTS: JSON.stringify({ 'GET /v1/customers/{customerId}/rewards': { latencyMs: 1500 } }),
    };
    child = spawn(process.execPath, ['--import', 'tsx', 'bin/server.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d) => (output += String(d)));
    child.stderr!.on('data', (d) => (output += String(d)));
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 90_000;
    while (!/PawSupport is up/.test(output)) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the server did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }

    const config = loadConfig({}, { NODE_ENV: 'test' });
    const chat = await openChat(url, config);
    const frames: string[] = [];
    const ws = new WebSocket(chat.streamUrl);
    const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
    ws.on('message', (d) => frames.push(String(d)));
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));

    await chat.send('how many points do I have');
    await new Promise((r) => setTimeout(r, 400)); // the turn is now waiting on the slow rewards API
    const sigterm = Date.now();
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));

    // Draining: no new conversations (the keep-alive connection still reaches the process).
    const refused = await fetch(`${url}/api/chat/token`, { method: 'POST', headers: { authorization: `Bearer ${config.CHAT_API_SECRET}`, 'content-type': 'application/json' }, body: '{}' });
    assert.equal(refused.status, 503);
    assert.equal(refused.headers.get('retry-after'), '2');
    const start = await fetch(`${url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${chat.token}` } });
    assert.equal(start.status, 503);
    assert.ok(start.headers.get('retry-after'));
    const ready = await fetch(`${url}/readyz`);
    assert.equal(ready.status, 503);
    assert.deepEqual(((await ready.json()) as { failing: string[] }).failing, ['draining']);

    const code = await exited;
    const took = Date.now() - sigterm;
    assert.equal(code, 0, output.slice(-2000));
    assert.ok(took < GRACE_MS, `exited within the grace period (${took} ms)`);

    const close = await closed;
    assert.equal(close.code, 1012, 'service restart: reconnect');
    const streamed = frames.filter(Boolean).flatMap((f) => (JSON.parse(f) as { activities: { text?: string; from: { role: string } }[] }).activities);
    assert.ok(streamed.some((a) => a.from.role === 'bot' && /3,450 points/.test(a.text ?? '')), `the reply reached the open stream: ${JSON.stringify(streamed.map((a) => a.text))}`);

    const log = new RedisActivityLog(redis.client(), { prefix, retentionSeconds: 3600, maxActivities: 100 });
    const entries = await log.read(chat.conversationId, 0, 100);
    assert.ok(entries.some((e) => e.activity.from.role === 'bot' && /3,450 points/.test(String(e.activity.text))), 'and the shared log');
    await log.close();
    assert.match(output, /shutting down/);
    assert.match(output, /"msg":"bye"/);
  });
});
