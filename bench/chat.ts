// Load test of the web chat channel: N concurrent Direct Line conversations over WebSocket, each
// sending messages at a steady rate, speaking the protocol exactly as the official clients do
// (token → POST /conversations → stream → POST activities with clientActivityID). Prints
// latency from send to the bot's first reply, throughput, errors and the server's memory.
//
//   npm run bench:chat -- [--conversations 200] [--rate 0.5] [--duration 20] [--bots echo[,full]] [--redis redis://…]
//
// Each bot runs in a fresh server process (bench/chatServerProcess.ts); with several bots the
// last table compares each with the first. Figures are printed, never asserted.
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { percentile } from '../platform/percentile';

interface Options {
  conversations: number;
  rate: number;
  duration: number;
  bots: string[];
  redis?: string;
  timeoutMs: number;
}

interface Result {
  bot: string;
  conversations: number;
  setupMs: number;
  sent: number;
  replies: number;
  echoes: number;
  errors: Record<string, number>;
  latencies: number[];
  elapsedS: number;
  rssMb: number;
  peakRssMb: number;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      conversations: { type: 'string', default: '200' },
      rate: { type: 'string', default: '0.5' },
      duration: { type: 'string', default: '20' },
      bots: { type: 'string', default: 'echo' },
      redis: { type: 'string' },
      timeout: { type: 'string', default: '10000' },
    },
  });
  return {
    conversations: Math.max(1, Number(values.conversations)),
    rate: Math.max(0.01, Number(values.rate)),
    duration: Math.max(1, Number(values.duration)),
    bots: String(values.bots).split(',').map((s) => s.trim()).filter(Boolean),
    redis: values.redis,
    timeoutMs: Number(values.timeout),
  };
}

const pct = (xs: number[], p: number) => percentile(xs, p) ?? NaN;

async function startServer(bot: string, redis?: string): Promise<{ child: ChildProcess; base: string; secret: string; rss(): Promise<{ rss: number; peak: number }> }> {
  const child = fork(path.join(__dirname, 'chatServerProcess.ts'), [bot, ...(redis ? [redis] : [])], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise<{ port: number; secret: string }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as { port: number; secret: string }));
    child.once('exit', (code) => reject(new Error(`server process exited with ${code}`)));
  });
  return {
    child,
    base: `http://127.0.0.1:${ready.port}`,
    secret: ready.secret,
    rss: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve(m as { rss: number; peak: number }));
        child.send({ type: 'rss' });
      }),
  };
}

async function json<T>(url: string, init: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as T;
}

async function run(bot: string, o: Options): Promise<Result> {
  const server = await startServer(bot, o.redis);
  const errors: Record<string, number> = {};
  const fail = (kind: string) => (errors[kind] = (errors[kind] ?? 0) + 1);
  const latencies: number[] = [];
  let sent = 0;
  let inFlight = 0;
  let replies = 0;
  let echoes = 0;
  const sockets: WebSocket[] = [];

  interface Conv {
    id: string;
    token: string;
    pending: Map<string, number>;
    /** echoes not seen yet, by clientActivityID */
    byClientId: Map<string, number>;
    /** replies that came over the stream before the POST answered with the id they reply to */
    early: Map<string, number>;
  }

  // Signed-in demo customers, so the full bot looks their orders up in the sandbox.
  const DEMO_CUSTOMERS = ['cus-ava', 'cus-ben', 'cus-chloe', 'cus-diego', 'cus-emma'];
  let conversations = 0;
  const open = async (): Promise<Conv> => {
    const { token, conversationId } = await json<{ token: string; conversationId: string }>(`${server.base}/api/chat/token`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customerId: DEMO_CUSTOMERS[conversations++ % DEMO_CUSTOMERS.length] }),
    });
    const started = await json<{ streamUrl: string }>(`${server.base}/v3/directline/conversations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ user: {}, locale: 'en-US' }),
    });
    const conv: Conv = { id: conversationId, token, pending: new Map(), byClientId: new Map(), early: new Map() };
    const ws = new WebSocket(started.streamUrl);
    sockets.push(ws);
    let welcomed: () => void;
    const welcome = new Promise<void>((r) => (welcomed = r));
    ws.on('message', (data) => {
      const text = String(data);
      if (!text) return; // keep-alive
      const set = JSON.parse(text) as { activities: { id: string; type: string; from: { role: string }; replyToId?: string; channelData?: { clientActivityID?: string } }[] };
      const now = performance.now();
      for (const a of set.activities) {
        if (a.from.role === 'user') {
          if (a.channelData?.clientActivityID && conv.byClientId.delete(a.channelData.clientActivityID)) echoes++;
          continue;
        }
        if (a.type !== 'message') continue;
        if (!a.replyToId) {
          welcomed();
          continue;
        }
        const t0 = conv.pending.get(a.replyToId);
        if (t0 !== undefined) {
          conv.pending.delete(a.replyToId);
          latencies.push(now - t0);
          replies++;
        } else if (!conv.early.has(a.replyToId)) {
          conv.early.set(a.replyToId, now);
        }
      }
    });
    ws.on('close', () => fail('stream closed'));
    ws.on('error', () => fail('stream error'));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    await Promise.race([welcome, new Promise((_, reject) => setTimeout(() => reject(new Error('no welcome')), o.timeoutMs))]);
    return conv;
  };

  // Open the conversations, 20 at a time.
  const setupStart = performance.now();
  const convs: Conv[] = [];
  for (let i = 0; i < o.conversations; i += 20) {
    const batch = await Promise.allSettled(Array.from({ length: Math.min(20, o.conversations - i) }, open));
    for (const b of batch) b.status === 'fulfilled' ? convs.push(b.value) : fail(`setup: ${(b.reason as Error).message}`);
  }
  const setupMs = performance.now() - setupStart;
  process.stdout.write(`  ${bot}: ${convs.length} conversations open in ${(setupMs / 1000).toFixed(1)} s; sending for ${o.duration} s…\n`);

  // Each conversation sends at a steady rate, starting at a random phase.
  const periodMs = 1000 / o.rate;
  const start = performance.now();
  const end = start + o.duration * 1000;
  const timers: NodeJS.Timeout[] = [];
  const send = async (c: Conv) => {
    const clientActivityID = randomUUID();
    const t0 = performance.now();
    c.byClientId.set(clientActivityID, t0);
    sent++;
    inFlight++;
    try {
      const { id } = await json<{ id: string }>(`${server.base}/v3/directline/conversations/${c.id}/activities`, {
        method: 'POST',
        headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: `order status please ${sent}`, from: { id: 'bench' }, channelData: { clientActivityID } }),
      });
      const early = c.early.get(id);
      if (early !== undefined) {
        c.early.delete(id);
        latencies.push(early - t0);
        replies++;
      } else {
        c.pending.set(id, t0);
      }
    } catch (err) {
      fail(`post: ${(err as Error).message}`);
    } finally {
      inFlight--;
    }
  };
  for (const c of convs) {
    const first = Math.random() * periodMs;
    timers.push(
      setTimeout(function tick() {
        if (performance.now() >= end) return;
        void send(c);
        timers.push(setTimeout(tick, periodMs));
      }, first),
    );
  }
  await new Promise((r) => setTimeout(r, o.duration * 1000));
  for (const t of timers) clearTimeout(t);
  // Let the last replies arrive.
  const drainEnd = performance.now() + o.timeoutMs;
  while (performance.now() < drainEnd && (inFlight > 0 || convs.some((c) => c.pending.size))) await new Promise((r) => setTimeout(r, 50));
  const elapsedS = (performance.now() - start) / 1000;
  const lost = convs.reduce((n, c) => n + c.pending.size, 0);
  if (lost) errors['no reply within timeout'] = lost;
  const { rss, peak } = await server.rss();
  for (const ws of sockets) ws.removeAllListeners('close'), ws.terminate();
  server.child.disconnect();
  server.child.kill();
  latencies.sort((a, b) => a - b);
  return {
    bot,
    conversations: convs.length,
    setupMs,
    sent,
    replies,
    echoes,
    errors,
    latencies,
    elapsedS: Math.min(elapsedS, o.duration + 0.001) || o.duration,
    rssMb: rss / 2 ** 20,
    peakRssMb: peak / 2 ** 20,
  };
}

function report(results: Result[], o: Options): void {
  const ms = (x: number) => (Number.isNaN(x) ? '–' : x.toFixed(1));
  console.log(`\nchat bench: ${o.conversations} conversations × ${o.rate} msg/s for ${o.duration} s over WebSocket${o.redis ? ' (Redis activity log)' : ' (memory activity log)'}`);
  console.log('bot        sent   replies  echoes  msg/s   p50 ms  p95 ms  p99 ms  max ms  errors  rss MB (peak)');
  for (const r of results) {
    const errs = Object.values(r.errors).reduce((a, b) => a + b, 0);
    console.log(
      `${r.bot.padEnd(9)} ${String(r.sent).padStart(6)} ${String(r.replies).padStart(8)} ${String(r.echoes).padStart(7)} ${(r.replies / r.elapsedS).toFixed(1).padStart(6)} ${ms(pct(r.latencies, 50)).padStart(8)} ${ms(pct(r.latencies, 95)).padStart(7)} ${ms(pct(r.latencies, 99)).padStart(7)} ${ms(r.latencies[r.latencies.length - 1] ?? NaN).padStart(7)} ${String(errs).padStart(7)}  ${r.rssMb.toFixed(0)} (${r.peakRssMb.toFixed(0)})`,
    );
    if (errs) console.log(`           errors: ${JSON.stringify(r.errors)}`);
  }
  if (results.length > 1) {
    const base = results[0]!;
    console.log(`\nratio to ${base.bot}:`);
    for (const r of results.slice(1)) {
      const ratio = (p: number) => (pct(r.latencies, p) / pct(base.latencies, p)).toFixed(2);
      console.log(`  ${r.bot}: p50 ×${ratio(50)}, p95 ×${ratio(95)}, p99 ×${ratio(99)}, throughput ×${(r.replies / r.elapsedS / (base.replies / base.elapsedS)).toFixed(2)}, peak RSS ×${(r.peakRssMb / base.peakRssMb).toFixed(2)}`);
    }
  }
}

async function main(): Promise<void> {
  const o = options();
  const results: Result[] = [];
  for (const bot of o.bots) results.push(await run(bot, o));
  report(results, o);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
