import http from 'node:http';
import WebSocket from 'ws';

/** What came back from one raw request. */
export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Give up (status 0) after this long; default 15 s. */
  timeoutMs?: number;
}

/**
 * One HTTP request exactly as given (bodies fetch would refuse: invalid UTF-8, lying content
 * types…). Status 0 = no answer in time or the connection broke.
 */
export function raw(url: string, r: RawRequest = {}): Promise<RawResponse> {
  return new Promise((resolve) => {
    const body = typeof r.body === 'string' ? Buffer.from(r.body) : r.body;
    const headers = { ...r.headers, ...(body ? { 'content-length': String(body.length) } : {}) };
    const req = http.request(url, { method: r.method ?? 'GET', headers, timeout: r.timeoutMs ?? 15_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => resolve({ status: 0, headers: {}, body: '' }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => resolve({ status: 0, headers: {}, body: String(err) }));
    req.end(body);
  });
}

/** JSON request with a JSON body. */
export function json(url: string, method: string, body: unknown, headers: Record<string, string> = {}, timeoutMs?: number): Promise<RawResponse> {
  return raw(url, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body), timeoutMs });
}

/** Parsed JSON body, or undefined. */
export function parsed<T = Record<string, unknown>>(r: RawResponse): T | undefined {
  try {
    return JSON.parse(r.body) as T;
  } catch {
    return undefined;
  }
}

/** An RFC 9457 problem document with this status. */
export function isProblem(r: RawResponse, status: number): boolean {
  const p = parsed<{ status?: number; type?: string }>(r);
  return r.status === status && String(r.headers['content-type'] ?? '').startsWith('application/problem+json') && p?.status === status && typeof p.type === 'string';
}

/** Something that looks like a stack trace or a source location. */
export const leaksInternals = (body: string) => /\n\s+at\s|\bat [\w.<>]+ \(|RangeError|TypeError|SyntaxError|\.ts:\d+|node_modules/.test(body);

/** Short description of a response for failure messages. */
export const show = (r: RawResponse) => `${r.status} ${r.body.slice(0, 160).replace(/\s+/g, ' ')}`;

// ── the chat channel (Direct Line) ─────────────────────────────────────

/** A chat token for one conversation. */
export interface ChatSession {
  conversationId: string;
  token: string;
}

/** `POST /api/chat/token` as the shop's server does (any deployment). */
export async function hostChat(url: string, chatApiSecret: string, customerId?: string, address?: string): Promise<ChatSession> {
  const r = await json(`${url}/api/chat/token`, 'POST', customerId ? { customerId } : {}, { authorization: `Bearer ${chatApiSecret}`, ...forwarded(address) });
  if (r.status !== 200) throw new Error(`no chat token: ${show(r)}`);
  return parsed<ChatSession>(r)!;
}

/** `POST /api/demo/token` as the demo page does (demo mode only). */
export async function demoChat(url: string, customerId?: string, address?: string): Promise<ChatSession> {
  const r = await json(`${url}/api/demo/token`, 'POST', customerId ? { customerId } : {}, forwarded(address));
  if (r.status !== 200) throw new Error(`no demo chat token: ${show(r)}`);
  return parsed<ChatSession>(r)!;
}

/**
 * `X-Forwarded-For`: the product trusts it from loopback (`trust proxy`), so each attacker of
 * the suite has an address of its own and per-address limits of one test don't spill into another.
 */
export const forwarded = (address?: string): Record<string, string> => (address ? { 'x-forwarded-for': address } : {});

export const chatHeaders = (s: ChatSession, address?: string) => ({ authorization: `Bearer ${s.token}`, ...forwarded(address) });

/** Posts one activity; `{status, id}`. */
export async function postActivity(url: string, s: ChatSession, activity: unknown, address?: string, timeoutMs?: number): Promise<RawResponse & { id?: string }> {
  const r = await json(`${url}/v3/directline/conversations/${s.conversationId}/activities`, 'POST', activity, chatHeaders(s, address), timeoutMs);
  return { ...r, id: parsed<{ id?: string }>(r)?.id };
}

/** One activity of a conversation's history, as Direct Line returns it. */
export interface WireActivity {
  id: string;
  type: string;
  text?: string;
  name?: string;
  value?: unknown;
  replyToId?: string;
  from: { id: string; name?: string; role?: string };
  [key: string]: unknown;
}

/** The whole history of a conversation (GET activities, from the start). */
export async function history(url: string, s: ChatSession): Promise<WireActivity[]> {
  const r = await raw(`${url}/v3/directline/conversations/${s.conversationId}/activities`, { headers: chatHeaders(s) });
  if (r.status !== 200) throw new Error(`no history: ${show(r)}`);
  return parsed<{ activities: WireActivity[] }>(r)!.activities;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `ok(history)` holds (or the time is up); returns the last history read. */
export async function waitForHistory(url: string, s: ChatSession, ok: (h: WireActivity[]) => boolean, timeoutMs = 15_000): Promise<WireActivity[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const h = await history(url, s);
    if (ok(h) || Date.now() > deadline) return h;
    await sleep(100);
  }
}

/** Bot activities answering the activity `id`. */
export const repliesTo = (h: WireActivity[], id: string) => h.filter((a) => a.from.role === 'bot' && a.replyToId === id);

/** Says `text` and waits for the bot's message answering it; returns its text ('' if none came). */
export async function say(url: string, s: ChatSession, text: string, address?: string, timeoutMs = 15_000): Promise<string> {
  const r = await postActivity(url, s, { type: 'message', text }, address);
  if (r.status !== 200 || !r.id) throw new Error(`post failed: ${show(r)}`);
  const h = await waitForHistory(url, s, (x) => repliesTo(x, r.id!).some((a) => a.type === 'message'), timeoutMs);
  return repliesTo(h, r.id)
    .filter((a) => a.type === 'message')
    .map((a) => a.text ?? '')
    .join('\n');
}

// ── staff (agents, trainers, admins) ──────────────────────────────────

/** A signed-in staff member: the session cookie and the CSRF token. */
export interface Staff {
  username: string;
  cookie: string;
  csrf: string;
}

export async function signIn(url: string, username: string, password: string, address?: string): Promise<Staff> {
  const r = await json(`${url}/auth/login`, 'POST', { username, password }, forwarded(address));
  if (r.status !== 200) throw new Error(`sign-in of ${username} failed: ${show(r)}`);
  const cookie = String(r.headers['set-cookie']?.[0] ?? '').split(';')[0]!;
  return { username, cookie, csrf: parsed<{ csrfToken: string }>(r)!.csrfToken };
}

/** Headers of a staff request: the cookie and, for state changes, the CSRF token. */
export const staffHeaders = (s: Staff, withCsrf = true): Record<string, string> => ({ cookie: s.cookie, ...(withCsrf ? { 'x-csrf-token': s.csrf } : {}) });

/** A WebSocket upgrade: 101 when it opened (then closed), otherwise the refusal's status (0: no answer). */
export function upgrade(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers, handshakeTimeout: 10_000 });
    ws.on('unexpected-response', (_q, r) => (resolve(r.statusCode ?? 0), ws.terminate()));
    ws.on('open', () => (resolve(101), ws.close()));
    ws.on('error', () => resolve(0));
  });
}

/** Every JSON message of an open agent console feed, as they arrive. */
export async function agentFeed(url: string, staff: Staff): Promise<{ messages: string[]; close(): void }> {
  const messages: string[] = [];
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/agent/ws`, { headers: { cookie: staff.cookie } });
  ws.on('message', (d) => messages.push(String(d)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_q, r) => reject(new Error(`agent feed refused: ${r.statusCode}`)));
  });
  return { messages, close: () => ws.close() };
}
