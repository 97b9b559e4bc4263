import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { openStores } from '../../../../bin/stores';
import { createProactive, type Proactive } from '../../../../bin/buildProactive';
import type { ChatActivity } from '../../../../bot/channels/activityLog';
import { NOTICE_KEY } from '../../../../skills/proactive/notice';
import type { CarrierEvent } from '../../../../contracts/shipping';
import { loadConfig } from '../../../../bin/config';
import { silentLogger } from '../../../../platform/logger';
import { connectRedis } from '../../../../platform/redis';
import type { DocStore } from '../../../../platform/store/docStore';
import type { EventStream } from '../../../../platform/store/eventStream';
import type { ShipmentEvent } from '../../../../contracts/shipping';
import { signCarrierPayload } from '../../../../sandbox/shipping/carrierSignature';
import { deployment as handoffDeployment, startHandoffServer, testUsers, type Deployment, type HandoffServer } from '../../../bot/handoff/support/handoffServer';
import { testRedis } from '../../../support/redisServer';
import type { Clock } from '../../../../sandbox/clock';
import { startTestSandbox } from '../../../support/sandboxServer';

const SECRETS = loadConfig({}).CARRIER_SECRETS;
/** Ava's UPS parcel (PS-10042), in transit; its latest scan is 9 h before the sandbox clock. */
export const AVA_UPS = '1Z9A7W430312345678';
export const SANDBOX_NOW = Date.parse('2026-11-26T12:00:00.000Z');
export const hoursAgo = (h: number) => new Date(SANDBOX_NOW - h * 3_600_000).toISOString();

/** A deployment whose sandbox shares the bot's store (its event stream on the same Redis). */
export async function proactiveDeployment(store: 'memory' | 'redis', clock?: Clock): Promise<Deployment> {
  if (store === 'memory') {
    const d = await handoffDeployment('memory');
    if (!clock) return d;
    await d.sandbox.close();
    return { ...d, sandbox: await startTestSandbox({ clock }) };
  }
  const sandbox = await startTestSandbox({ store: 'redis', ...(clock ? { clock } : {}) });
  return { sandbox, users: await testUsers(), redis: { url: (await testRedis()).url, prefix: `t${randomUUID().slice(0, 8)}:` }, close: () => sandbox.close() };
}

export interface ProactiveInstance extends HandoffServer {
  proactive: Proactive;
  docs: DocStore;
  /** Every message of a conversation in its activity log. */
  messages(conversationId: string): Promise<ChatActivity[]>;
  /** The proactive messages of a conversation. */
  notices(conversationId: string): Promise<ChatActivity[]>;
}

/** One server instance (as `bin/server.ts` wires it) with proactive messages started (reminders only when `reminderDays` is given). */
export async function startProactiveInstance(
  d: Deployment,
  opts: { consumer?: string; now?: () => Date; reminderDays?: number; env?: Record<string, string> } = {},
): Promise<ProactiveInstance> {
  const redis: Redis | undefined = d.redis ? connectRedis(d.redis.url, silentLogger(), 'test-proactive') : undefined;
  const stream = d.sandbox.shipmentEvents as EventStream<ShipmentEvent> & { key?: string };
  const stores = openStores(loadConfig({}, { NODE_ENV: 'test', STORE: redis ? 'redis' : 'memory', ...(d.redis ? { REDIS_URL: d.redis.url, REDIS_PREFIX: d.redis.prefix } : {}) }), { ...(redis ? { redis } : {}) });
  const config = {
    DIRECTLINE_RETENTION_SECONDS: 3600,
    PROACTIVE_CLAIM_SECONDS: 1,
    REMINDER_DAYS_BEFORE: opts.reminderDays ?? 0,
    REMINDER_SWEEP_SECONDS: 3600,
    CHAT_API_SECRET: loadConfig({}, { NODE_ENV: 'test' }).CHAT_API_SECRET,
  };
  const docs = redis ? stores.docs : d.memory!.docs;
  const proactive = createProactive({
    config,
    logger: silentLogger(),
    docs,
    api: { baseUrl: d.sandbox.url, token: d.sandbox.token, timeoutMs: 5000, retries: 1 },
    shipments: stores.shipmentGroup({ claimIdleMs: config.PROACTIVE_CLAIM_SECONDS * 1000, local: stream, ...(stream.key ? { streamKey: stream.key } : {}) }),
    ...(opts.consumer ? { consumer: opts.consumer } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  });
  const srv = await startHandoffServer(d, { ...opts.env }, { skills: [proactive.skill], routers: [proactive.router] });
  proactive.connect(srv.chat.channel, srv.handoff.hub);
  await proactive.start();
  const log = srv.chat.channel.log;
  const messages = async (conversationId: string) => (await log.read(conversationId, 0, 1000)).map((e) => e.activity).filter((a) => a.type === 'message');
  return {
    ...srv,
    proactive,
    docs,
    messages,
    notices: async (conversationId) => (await messages(conversationId)).filter((a) => a.channelData?.[NOTICE_KEY] !== undefined),
    close: async () => {
      await proactive.close();
      await srv.close();
      await stores.close();
      redis?.disconnect();
    },
  };
}

/** POSTs a signed carrier webhook to the sandbox. @returns the sandbox's acknowledgement */
export async function carrierWebhook(sandboxUrl: string, over: Partial<CarrierEvent> = {}, carrier = 'ups'): Promise<{ status: number; body: any }> {
  const body: CarrierEvent = { eventId: `evt-${randomUUID()}`, trackingNumber: AVA_UPS, status: 'out_for_delivery', occurredAt: hoursAgo(1), description: 'Out for delivery', location: 'Portland, OR', ...over };
  const raw = JSON.stringify(body);
  const res = await fetch(`${sandboxUrl}/v1/carriers/${carrier}/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-carrier-signature': signCarrierPayload(SECRETS[carrier]!, raw) },
    body: raw,
  });
  return { status: res.status, body: await res.json() };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
