// Proactive messages under load. Prints (never asserts):
//   - webhook → screen: from a signed carrier webhook's POST to the message frame on the
//     customer's Direct Line WebSocket, p50/p99/max, at --rate events a second for --seconds;
//   - renewal reminders for --subscriptions subscriptions due at once: one sweep's time,
//     reminders a second, and heap/RSS growth.
//
//   npm run bench:proactive -- [--rate 100] [--seconds 10] [--subscriptions 10000] [--redis redis://…]
//
// Everything runs in this process (sandbox, chat channel, proactive module, clients), on the
// memory store or on Redis: the figures include the clients' own CPU on the same cores.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { ActivityHandler } from 'botbuilder';
import WebSocket from 'ws';
import { createProactive } from '../bin/buildProactive';
import { createChatChannel } from '../bin/createChatChannel';
import { createServerApp } from '../bin/createServerApp';
import { openStores } from '../bin/stores';
import { NOTICE_KEY } from '../skills/proactive/notice';
import type { Carrier, Order } from '../contracts/shipping';
import type { Subscription } from '../contracts/subscriptions';
import { loadConfig } from '../bin/config';
import { addDays, isoDay } from '../platform/dates';
import { silentLogger } from '../platform/logger';
import { percentile } from '../platform/percentile';
import { signCarrierPayload } from '../sandbox/shipping/carrierSignature';
import { startSandbox } from '../bin/startSandbox';
import { subscriptionWrites } from '../sandbox/subscriptions/subscriptionStore';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '10' },
    subscriptions: { type: 'string', default: '10000' },
    redis: { type: 'string' },
  },
});
const RATE = Math.max(1, Number(values.rate));
const SECONDS = Math.max(1, Number(values.seconds));
const SUBSCRIPTIONS = Math.max(1, Number(values.subscriptions));
const DEMO = ['cus-ava', 'cus-ben', 'cus-chloe', 'cus-diego', 'cus-emma'];
const STATUSES = ['out_for_delivery', 'delayed', 'exception', 'delivered'] as const;

/** A bot that only greets: proactive sends do not run it, conversations start with it. */
class QuietBot extends ActivityHandler {}

async function main() {
  const prefix = `bench${randomUUID().slice(0, 6)}:`;
  const env: Record<string, string> = { NODE_ENV: 'test', STORE: values.redis ? 'redis' : 'memory', DIRECTLINE_CONVERSATIONS_PER_MINUTE: '100000', DIRECTLINE_MESSAGES_PER_SECOND: '1000', REMINDER_DAYS_BEFORE: '3', ...(values.redis ? { REDIS_URL: values.redis, REDIS_PREFIX: prefix } : {}) };
  const config = loadConfig({}, env);
  const logger = silentLogger();
  const stores = openStores(config, { logger });
  const sandbox = await startSandbox(config, logger);
  const sandboxServer = http.createServer(sandbox.app);
  await new Promise<void>((r) => sandboxServer.listen(0, '127.0.0.1', r));
  const sandboxUrl = `http://127.0.0.1:${(sandboxServer.address() as AddressInfo).port}`;
  const docs = stores.docs;
  const activityLog = stores.activityLog;
  const api = { baseUrl: sandboxUrl, token: config.SANDBOX_TOKEN, timeoutMs: 30_000, retries: 1 };
  const proactive = createProactive({ config: { ...config, REMINDER_SWEEP_SECONDS: 86_400 }, logger, docs, shipments: stores.shipmentGroup({ claimIdleMs: config.PROACTIVE_CLAIM_SECONDS * 1000, local: sandbox.shipmentEvents }), api });
  const channel = createChatChannel({ config, logger, bot: new QuietBot(), activityLog, typingDelayMs: 0, rateLimiter: (limit, name) => stores.rateLimiter(limit, name) });
  const chat = createServerApp({ config, logger, channel });
  const server = http.createServer(chat.app);
  chat.attach(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proactive.connect(channel);
  await proactive.start();
  await proactive.reminders.stop();

  // ── webhook → screen ──────────────────────────────────────────────
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const sockets: WebSocket[] = [];
  for (const customerId of DEMO) {
    const token = (await post(`${url}/api/chat/token`, { customerId }, config.CHAT_API_SECRET)) as { token: string };
    const conv = (await post(`${url}/v3/directline/conversations`, {}, token.token)) as { streamUrl: string };
    const ws = new WebSocket(conv.streamUrl);
    ws.on('message', (raw) => {
      const text = raw.toString();
      if (!text) return;
      for (const a of (JSON.parse(text) as { activities: { channelData?: Record<string, { key?: string }> }[] }).activities) {
        const key = a.channelData?.[NOTICE_KEY]?.key;
        const t0 = key && sentAt.get(key);
        if (t0) {
          latencies.push(performance.now() - t0);
          sentAt.delete(key!);
        }
      }
    });
    await new Promise((r) => ws.once('open', r));
    sockets.push(ws);
  }
  const orders: { carrier: Carrier; trackingNumber: string; status: string }[] = [];
  for (const c of DEMO) orders.push(...((await get(`${sandboxUrl}/v1/customers/${c}/orders`, config.SANDBOX_TOKEN)) as { orders: Order[] }).orders.map((o) => ({ carrier: o.carrier, trackingNumber: o.trackingNumber, status: o.status as string })));
  const total = RATE * SECONDS;
  const started = performance.now();
  const posts: Promise<void>[] = [];
  const answers = new Map<string, number>();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const o = orders[i % orders.length]!;
    // Each order moves to another milestone each time: every event is one the customer hears of.
    let k = Math.floor(i / orders.length) % STATUSES.length;
    if (STATUSES[k] === o.status) k = (k + 1) % STATUSES.length;
    const status = STATUSES[k]!;
    o.status = status;
    const eventId = `bench-${i}-${randomUUID().slice(0, 8)}`;
    const body = JSON.stringify({ eventId, trackingNumber: o.trackingNumber, status, occurredAt: new Date().toISOString(), description: 'Bench scan', eta: addDays(isoDay(new Date()), 2) });
    sentAt.set(`shipment:${o.carrier}:${eventId}`, performance.now());
    posts.push(
      fetch(`${sandboxUrl}/v1/carriers/${o.carrier}/webhooks`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-carrier-signature': signCarrierPayload(config.CARRIER_SECRETS[o.carrier]!, body) }, body }).then(async (r) => {
        const ack = (await r.json().catch(() => ({}))) as { statusChanged?: boolean };
        // Only an event that moved the order is a milestone the customer hears of.
        if (r.status !== 200 || !ack.statusChanged) sentAt.delete(`shipment:${o.carrier}:${eventId}`);
        const what = r.status === 200 ? (ack.statusChanged ? 'changed' : 'unchanged') : String(r.status);
        answers.set(what, (answers.get(what) ?? 0) + 1);
      }),
    );
  }
  await Promise.all(posts);
  const sendSeconds = (performance.now() - started) / 1000;
  const deadline = Date.now() + 60_000;
  while (sentAt.size && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  latencies.sort((a, b) => a - b);
  const ms = (x: number | null | undefined) => `${(x ?? NaN).toFixed(1)} ms`;
  console.log(`store: ${values.redis ? 'redis' : 'memory'}`);
  console.log(`webhook → screen: ${total} webhooks at ${(total / sendSeconds).toFixed(0)}/s over ${orders.length} orders of ${DEMO.length} open chats; ${latencies.length} of the ${answers.get('changed') ?? 0} that changed an order's status reached the screen`);
  console.log(`  sandbox answers: ${[...answers].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log(`  p50 ${ms(percentile(latencies, 50))}  p99 ${ms(percentile(latencies, 99))}  max ${ms(latencies.at(-1))}${sentAt.size ? `  (${sentAt.size} never arrived)` : ''}`);
  for (const ws of sockets) ws.close();

  // ── renewal reminders ─────────────────────────────────────────────
  const today = isoDay(new Date());
  const subs: Subscription[] = Array.from({ length: SUBSCRIPTIONS }, (_, i) => ({
    id: `bench-sub-${String(i).padStart(6, '0')}`,
    customerId: `bench-cus-${String(Math.floor(i / 2)).padStart(6, '0')}`,
    product: { sku: 'PUPPY-KIBBLE-15', name: 'Puppy Kibble 15 lb' },
    quantity: 1,
    frequencyWeeks: 4,
    nextDeliveryDate: addDays(today, 1 + (i % 3)),
    status: 'active',
    pausedUntil: null,
    cancelledAt: null,
    cancelReason: null,
    cancelComment: null,
    version: 1,
    updatedAt: new Date().toISOString(),
  }));
  const writes = subscriptionWrites(subs);
  await sandbox.store.transact(
    writes.map((w) => w.key),
    () => ({ writes, result: null }),
  );
  global.gc?.();
  const heap0 = process.memoryUsage();
  const t0 = performance.now();
  const r = await proactive.reminders.sweep();
  const sweepMs = performance.now() - t0;
  const heap1 = process.memoryUsage();
  const again = await proactive.reminders.sweep();
  console.log(`reminders: ${r.sent}/${r.due} sent for ${SUBSCRIPTIONS} subscriptions (${SUBSCRIPTIONS / 2} customers) in ${(sweepMs / 1000).toFixed(1)} s = ${(r.sent / (sweepMs / 1000)).toFixed(0)}/s; a second sweep sent ${again.sent}`);
  console.log(`  heap +${mb(heap1.heapUsed - heap0.heapUsed)}, RSS +${mb(heap1.rss - heap0.rss)} during the sweep (heap ${mb(heap1.heapUsed)})`);

  await proactive.close();
  await chat.close(1000);
  server.closeAllConnections();
  server.close();
  sandboxServer.closeAllConnections();
  sandboxServer.close();
  await stores.close();
  await sandbox.close();
  process.exit(0);
}

const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;

async function post(url: string, body: unknown, bearer: string): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function get(url: string, bearer: string): Promise<unknown> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${bearer}` } });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
