// Human handoff under load: C customers ask for a person at once while A agents watch the queue
// in their consoles (WebSocket), then the agents take chats up to their capacity and talk.
// Prints (never asserts):
//   - request → in an agent's queue: from the customer's POST to the first console snapshot
//     that lists the conversation (p50/p99/max), and → the customer told their position;
//   - agent message → customer: from the agent's POST to the customer's Direct Line stream;
//   - customer message → agent: from the customer's POST to the agent's console feed;
//   - memory per queued conversation: server heap growth ÷ C, and the hub's own record size.
//
//   npm run bench:handoff -- [--customers 100] [--agents 10] [--rate 20] [--messages 10] [--redis redis://…]
//
// --rate: customers asking for a person per second while the queue fills (20/s = 100 in 5 s).
//
// The server runs in its own process (bench/handoffServerProcess.ts), as `npm start` wires it.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { percentile } from '../platform/percentile';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '100' },
    agents: { type: 'string', default: '10' },
    messages: { type: 'string', default: '10' },
    rate: { type: 'string', default: '20' },
    redis: { type: 'string' },
  },
});
const CUSTOMERS = Math.max(1, Number(values.customers));
const AGENTS = Math.max(1, Number(values.agents));
const MESSAGES = Math.max(1, Number(values.messages));
/** Customers asking for a person per second while the queue fills. */
const RATE = Math.max(0.1, Number(values.rate));
const ASK = 'I want to talk to a real person';
const DEMO = ['cus-ava', 'cus-ben', 'cus-chloe', 'cus-diego', 'cus-emma'];

interface Ready {
  port: number;
  secret: string;
  agents: string[];
  password: string;
}
interface Memory {
  heapUsed: number;
  rss: number;
  queued: number;
  recordBytes: number;
  redisBytes: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => percentile(xs, p) ?? NaN;
const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : 'n/a');
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;

async function until(pred: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await sleep(2);
  }
}

async function main(): Promise<void> {
  const child: ChildProcess = fork(path.join(__dirname, 'handoffServerProcess.ts'), [String(AGENTS), ...(values.redis ? [values.redis] : [])], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (m) => resolve(m as Ready));
    child.once('exit', (code) => reject(new Error(`server process exited with ${code}`)));
  });
  const base = `http://127.0.0.1:${ready.port}`;
  const memory = () =>
    new Promise<Memory>((resolve) => {
      child.once('message', (m) => resolve(m as Memory));
      child.send({ type: 'memory' });
    });
  const post = async (url: string, headers: Record<string, string>, body?: unknown) => {
    const res = await fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${url}: ${res.status} ${text}`);
    return text ? (JSON.parse(text) as Record<string, any>) : {};
  };

  // ── agents: signed in, console feed open ──
  interface Agent {
    name: string;
    cookie: string;
    csrf: string;
    ws: WebSocket;
  }
  const inQueueAt = new Map<string, number>();
  const agentLineAt = new Map<string, number>();
  const agents: Agent[] = [];
  for (const name of ready.agents) {
    const res = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: name, password: ready.password }) });
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const ws = new WebSocket(`ws://127.0.0.1:${ready.port}/agent/ws`, { headers: { cookie, origin: base } });
    ws.on('message', (data) => {
      const now = performance.now();
      const m = JSON.parse(String(data)) as { type: string; queue?: { conversationId: string }[]; line?: { from: string; text: string } };
      if (m.type === 'queue') for (const q of m.queue ?? []) if (!inQueueAt.has(q.conversationId)) inQueueAt.set(q.conversationId, now);
      if (m.type === 'line' && m.line?.from === 'customer' && !agentLineAt.has(m.line.text)) agentLineAt.set(m.line.text, now);
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    agents.push({ name, cookie, csrf: csrfToken, ws });
  }
  const heapBefore = await memory();

  // ── customers: Direct Line conversations on the WebSocket stream ──
  interface Customer {
    id: string;
    token: string;
    ws: WebSocket;
    texts: { text: string; at: number }[];
  }
  const open = async (i: number): Promise<Customer> => {
    const { token, conversationId } = await post('/api/chat/token', { authorization: `Bearer ${ready.secret}` }, { customerId: DEMO[i % DEMO.length] });
    const { streamUrl } = await post('/v3/directline/conversations', { authorization: `Bearer ${token}` }, { user: {}, locale: 'en-US' });
    const c: Customer = { id: conversationId, token, ws: new WebSocket(streamUrl), texts: [] };
    c.ws.on('message', (data) => {
      const s = String(data);
      if (!s) return;
      const now = performance.now();
      for (const a of (JSON.parse(s) as { activities: { type: string; text?: string; from: { role: string } }[] }).activities) {
        if (a.type === 'message' && a.from.role !== 'user') c.texts.push({ text: a.text ?? '', at: now });
      }
    });
    await new Promise<void>((resolve, reject) => {
      c.ws.once('open', () => resolve());
      c.ws.once('error', reject);
    });
    await until(() => c.texts.some((t) => /PawSupport assistant/.test(t.text)), 'welcome');
    return c;
  };
  const customers: Customer[] = [];
  for (let i = 0; i < CUSTOMERS; i += 20) customers.push(...(await Promise.all(Array.from({ length: Math.min(20, CUSTOMERS - i) }, (_, k) => open(i + k)))));
  const heapOpen = await memory();
  process.stdout.write(`${CUSTOMERS} customers connected, ${AGENTS} agents watching the queue (${values.redis ? 'Redis' : 'memory'} store)…\n`);

  // ── phase 1: everyone asks for a person, RATE per second; the first tenth warms the server up ──
  const askedAt = new Map<string, number>();
  const ask = (group: Customer[]) =>
    Promise.all(
      group.map(async (c, i) => {
        await sleep((i * 1000) / RATE);
        askedAt.set(c.id, performance.now());
        await post(`/v3/directline/conversations/${c.id}/activities`, { authorization: `Bearer ${c.token}` }, { type: 'message', from: { id: 'bench' }, text: ASK });
      }),
    ).then(() => until(() => group.every((c) => inQueueAt.has(c.id) && c.texts.some((t) => /in the queue/.test(t.text))), 'every conversation in a console, every customer told'));
  const warm = customers.slice(0, Math.max(1, Math.floor(CUSTOMERS / 10)));
  await ask(warm);
  const heapWarm = await memory();
  await ask(customers.slice(warm.length));
  // Past the warm-up group, like the memory figure: steady state, not the first compilation.
  const measured = customers.slice(warm.length);
  const toQueue = measured.map((c) => inQueueAt.get(c.id)! - askedAt.get(c.id)!);
  const toPosition = measured.map((c) => c.texts.find((t) => /in the queue/.test(t.text))!.at - askedAt.get(c.id)!);
  const heapQueued = await memory();

  // ── phase 2: each agent takes chats up to capacity (3) ──
  const byAgent = new Map<Agent, Customer[]>();
  const acceptMs: number[] = [];
  let next = 0;
  await Promise.all(
    agents.map(async (a) => {
      const mine: Customer[] = [];
      for (let k = 0; k < 3 && next < customers.length; k++) {
        const c = customers[next++]!;
        const t0 = performance.now();
        await post(`/agent/api/conversations/${c.id}/accept`, { cookie: a.cookie, 'x-csrf-token': a.csrf });
        acceptMs.push(performance.now() - t0);
        mine.push(c);
      }
      byAgent.set(a, mine);
    }),
  );
  const chats = [...byAgent.values()].reduce((n, l) => n + l.length, 0);
  await until(() => [...byAgent.values()].flat().every((c) => c.texts.some((t) => /has joined the chat/.test(t.text))), 'joined messages');

  // ── phase 3: messages both ways, every chat at once, one message at a time per chat ──
  const toCustomer: number[] = [];
  const toAgent: number[] = [];
  let seq = 0;
  await Promise.all(
    [...byAgent.entries()].flatMap(([a, list]) =>
      list.map(async (c) => {
        for (let k = 0; k < MESSAGES; k++) {
          const token = `m${++seq}`;
          const t0 = performance.now();
          await post(`/agent/api/conversations/${c.id}/messages`, { cookie: a.cookie, 'x-csrf-token': a.csrf }, { text: `bench ${token} from the agent` });
          await until(() => c.texts.some((t) => t.text.includes(` ${token} `)), 'agent message at the customer');
          toCustomer.push(c.texts.find((t) => t.text.includes(` ${token} `))!.at - t0);

          const reply = `bench ${token} from the customer`;
          const t1 = performance.now();
          await post(`/v3/directline/conversations/${c.id}/activities`, { authorization: `Bearer ${c.token}` }, { type: 'message', from: { id: 'bench' }, text: reply });
          await until(() => agentLineAt.has(reply), 'customer message at the agent');
          toAgent.push(agentLineAt.get(reply)! - t1);
          await sleep(50);
        }
      }),
    ),
  );

  // Measured past the warm-up, so one-time costs (compiled code, caches) do not count.
  const perQueuedHeap = (heapQueued.heapUsed - heapWarm.heapUsed) / Math.max(1, CUSTOMERS - warm.length);
  const perOpenHeap = (heapOpen.heapUsed - heapBefore.heapUsed) / CUSTOMERS;
  const rows: [string, string][] = [
    ['customers queued / agents (capacity 3)', `${CUSTOMERS} / ${AGENTS}, asking at ${RATE}/s`],
    [`request → in an agent queue p50 / p99 / max (${toQueue.length})`, `${ms(pct(toQueue, 50))} / ${ms(pct(toQueue, 99))} / ${ms(Math.max(...toQueue))}`],
    ['request → customer told position p50 / p99', `${ms(pct(toPosition, 50))} / ${ms(pct(toPosition, 99))}`],
    ['accept (POST) p50 / p99', `${ms(pct(acceptMs, 50))} / ${ms(pct(acceptMs, 99))}  (${chats} chats)`],
    [`agent message → customer p50 / p99 (${toCustomer.length})`, `${ms(pct(toCustomer, 50))} / ${ms(pct(toCustomer, 99))}`],
    [`customer message → agent p50 / p99 (${toAgent.length})`, `${ms(pct(toAgent, 50))} / ${ms(pct(toAgent, 99))}`],
    ['server heap per queued conversation', `${kb(perQueuedHeap)}  (+ ${kb(perOpenHeap)} per open chat before asking)`],
    ['hub record per queued conversation (JSON)', `${kb(heapQueued.recordBytes / Math.max(1, heapQueued.queued))}`],
    ...(values.redis ? ([['Redis MEMORY USAGE per queued conversation record', kb(heapQueued.redisBytes / Math.max(1, heapQueued.queued))]] as [string, string][]) : []),
    ['server RSS at the end', `${(heapQueued.rss / 1024 / 1024).toFixed(0)} MB`],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  process.stdout.write('\n' + rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n') + '\n');

  for (const c of customers) c.ws.close();
  for (const a of agents) a.ws.close();
  child.disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
