import { ConnectorClient, ConnectorFactory, type ConnectorClientOptions } from 'botframework-connector';
import { AppError } from '../../platform/errors';
import type { Logger } from '../../platform/logger';
import type { ConversationSink } from './conversationSink';

/** The serviceUrl the in-process channel stamps on activities; never resolved or dialled. */
export const IN_PROCESS_SERVICE_URL = 'http://directline.in-process.invalid';

interface WebResourceLike {
  url: string;
  method: string;
  body?: unknown;
}

interface Routed {
  status: number;
  body?: unknown;
}

/** The few header operations botbuilder's HTTP compat layer performs on a response. */
class JsonResponseHeaders {
  private readonly map = new Map<string, { name: string; value: string }>([['content-type', { name: 'Content-Type', value: 'application/json; charset=utf-8' }]]);
  set(name: string, value: string | number): void {
    this.map.set(name.toLowerCase(), { name, value: String(value) });
  }
  get(name: string): string | undefined {
    return this.map.get(name.toLowerCase())?.value;
  }
  contains(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  remove(name: string): boolean {
    return this.map.delete(name.toLowerCase());
  }
  rawHeaders(): Record<string, string> {
    return this.toJson();
  }
  headersArray(): { name: string; value: string }[] {
    return [...this.map.values()];
  }
  headerNames(): string[] {
    return [...this.map.values()].map((h) => h.name);
  }
  headerValues(): string[] {
    return [...this.map.values()].map((h) => h.value);
  }
  clone(): JsonResponseHeaders {
    const c = new JsonResponseHeaders();
    for (const h of this.map.values()) c.set(h.name, h.value);
    return c;
  }
  toJson(options: { preserveCase?: boolean } = {}): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, h] of this.map) out[options.preserveCase ? h.name : key] = h.value;
    return out;
  }
}

const decode = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/**
 * Answers the Bot Framework connector REST calls botbuilder makes (`/v3/conversations/...`)
 * by calling the {@link ConversationSink} directly: no socket, no credentials.
 */
export class InProcessHttpClient {
  constructor(
    private readonly sink: ConversationSink,
    private readonly logger: Logger,
  ) {}

  async sendRequest(request: WebResourceLike): Promise<unknown> {
    let routed: Routed;
    try {
      routed = await this.route(request);
    } catch (err) {
      const status = err instanceof AppError ? err.status : 500;
      if (status >= 500) this.logger.error({ err, method: request.method }, 'in-process connector call failed');
      routed = { status, body: { error: { code: err instanceof AppError ? err.code : 'internal', message: err instanceof AppError ? err.message : 'internal error' } } };
    }
    return {
      request,
      status: routed.status,
      headers: new JsonResponseHeaders(),
      bodyAsText: routed.body === undefined ? '' : JSON.stringify(routed.body),
    };
  }

  private async route(request: WebResourceLike): Promise<Routed> {
    const path = new URL(request.url).pathname.split('/').filter(Boolean).map(decode);
    const method = request.method.toUpperCase();
    if (path[0] !== 'v3' || path[1] !== 'conversations' || !path[2]) return { status: 404, body: { error: { code: 'not_found', message: 'not supported in-process' } } };
    const conversationId = path[2];
    const rest = path.slice(3);
    const body = (): Record<string, unknown> => {
      const raw = typeof request.body === 'string' ? request.body : '';
      const parsed = raw ? (JSON.parse(raw) as unknown) : undefined;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new AppError(400, 'bad_request', 'The activity must be a JSON object.');
      return parsed as Record<string, unknown>;
    };
    if (rest[0] === 'activities' && rest.length <= 2 && method === 'POST') {
      return { status: 200, body: await this.sink.send(conversationId, body()) };
    }
    if (rest[0] === 'activities' && rest.length === 2 && method === 'PUT') {
      return { status: 200, body: await this.sink.send(conversationId, body(), { replacesId: rest[1] }) };
    }
    if (method === 'GET' && ((rest[0] === 'members' && rest.length <= 2) || (rest[0] === 'activities' && rest[2] === 'members' && rest.length === 3))) {
      const members = await this.sink.members(conversationId);
      if (rest[0] === 'members' && rest[1]) {
        const m = members.find((x) => x.id === rest[1]);
        return m ? { status: 200, body: m } : { status: 404, body: { error: { code: 'not_found', message: 'no such member' } } };
      }
      return { status: 200, body: members };
    }
    return { status: 405, body: { error: { code: 'method_not_allowed', message: `${method} /${rest.join('/')} is not supported by the web chat channel` } } };
  }
}

/**
 * A {@link ConnectorFactory} whose clients talk to the in-process channel. The credentials are
 * a no-op: nothing leaves the process.
 */
export class InProcessConnectorFactory extends ConnectorFactory {
  private readonly httpClient: InProcessHttpClient;

  constructor(sink: ConversationSink, logger: Logger) {
    super();
    this.httpClient = new InProcessHttpClient(sink, logger);
  }

  override async create(serviceUrl: string): Promise<ConnectorClient> {
    const credentials = { signRequest: async <T>(resource: T) => resource };
    const options: ConnectorClientOptions = {
      baseUri: serviceUrl || IN_PROCESS_SERVICE_URL,
      httpClient: this.httpClient as unknown as ConnectorClientOptions['httpClient'],
    };
    return new ConnectorClient(credentials, options);
  }
}
