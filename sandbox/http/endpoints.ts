import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import { Problem } from '../../contracts/z';
import { resource } from '../../platform/http/resource';
import { parseInput } from '../../platform/http/validate';
import type { FaultInjector } from './faults';
import type { StoredResponse } from './idempotency';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** What a handler gets: validated input plus the raw request (headers, idempotency). */
export interface EndpointInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  req: Request;
}

/**
 * One endpoint, declared once: the same zod schemas validate requests and produce the
 * OpenAPI document, so the two cannot drift.
 */
export interface EndpointSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: Method;
  /** OpenAPI style: `/v1/customers/{customerId}/orders`. */
  path: string;
  summary: string;
  tags: string[];
  params?: P;
  query?: Q;
  body?: B;
  /** Success status and schema of its body. */
  response: { status: number; schema: z.ZodType; description: string; headers?: Record<string, string> };
  /** Error statuses this endpoint may answer, each with a description. */
  errors?: Record<number, string>;
  /** Accepts `Idempotency-Key` (documented). */
  idempotent?: boolean;
  /** Accepts `If-Match` (documented). */
  ifMatch?: boolean;
  /** Extra middleware before validation (e.g. signature checks). */
  before?: RequestHandler[];
  /** Public (no service token). */
  public?: boolean;
  handler: (input: EndpointInput<z.output<P>, z.output<Q>, z.output<B>>) => Promise<StoredResponse & { replayed?: boolean }>;
}

const COMMON_ERRORS: Record<number, string> = {
  400: 'Malformed JSON or header',
  401: 'Missing or invalid service token',
  405: 'Wrong method for this path (see Allow)',
  413: 'Body over 64 KB',
  415: 'Body is not application/json',
  422: 'Request does not match the schema (see errors)',
};

/** Collects endpoints, then mounts them on a router and renders the OpenAPI 3.1 document. */
export class EndpointRegistry {
  private readonly specs: EndpointSpec<z.ZodType, z.ZodType, z.ZodType>[] = [];
  private readonly openapi = new OpenAPIRegistry();

  constructor(
    private readonly faults: FaultInjector,
    private readonly auth: RequestHandler,
  ) {
    this.openapi.registerComponent('securitySchemes', 'serviceToken', { type: 'http', scheme: 'bearer', description: 'The service token (SANDBOX_TOKEN).' });
  }

  add<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType>(spec: EndpointSpec<P, Q, B>): void {
    this.specs.push(spec as unknown as EndpointSpec<z.ZodType, z.ZodType, z.ZodType>);
    const problem = { content: { 'application/problem+json': { schema: Problem } } };
    const errors = { ...COMMON_ERRORS, ...spec.errors };
    if (spec.public) delete errors[401];
    if (!spec.body) {
      delete errors[413];
      delete errors[415];
    }
    const headers: z.ZodObject | undefined = undefined;
    this.openapi.registerPath({
      method: spec.method,
      path: spec.path,
      summary: spec.summary,
      tags: spec.tags,
      security: spec.public ? [] : [{ serviceToken: [] }],
      request: {
        params: spec.params as z.ZodObject | undefined,
        query: spec.query as z.ZodObject | undefined,
        headers,
        body: spec.body ? { required: true, content: { 'application/json': { schema: spec.body } } } : undefined,
      },
      parameters: [
        ...(spec.idempotent
          ? [{ name: 'Idempotency-Key', in: 'header' as const, required: false, description: 'A retry with the same key and body returns the first response and applies nothing again; the same key with another body is refused (422).', schema: { type: 'string' as const, maxLength: 200 } }]
          : []),
        ...(spec.ifMatch
          ? [{ name: 'If-Match', in: 'header' as const, required: false, description: 'The subscription version you read (its ETag); a stale version is refused with 409.', schema: { type: 'string' as const } }]
          : []),
      ],
      responses: {
        [spec.response.status]: { description: spec.response.description, content: { 'application/json': { schema: spec.response.schema } } },
        ...Object.fromEntries(Object.entries(errors).map(([status, description]) => [status, { description, ...problem }])),
      },
    });
  }

  /** Express router with every endpoint (wrong methods on known paths → 405 with Allow). */
  router(): Router {
    const router = Router();
    const byPath = new Map<string, EndpointSpec<z.ZodType, z.ZodType, z.ZodType>[]>();
    for (const s of this.specs) byPath.set(s.path, [...(byPath.get(s.path) ?? []), s]);
    for (const [path, specs] of byPath) {
      const handlers: Partial<Record<Method, RequestHandler[]>> = {};
      for (const spec of specs) {
        handlers[spec.method] = [
          ...(spec.public ? [] : [this.auth]),
          this.faults.middleware(spec.method, spec.path),
          ...(spec.before ?? []),
          async (req: Request, res: Response) => {
            const params = spec.params ? parseInput(spec.params, req.params, 'path') : {};
            const query = spec.query ? parseInput(spec.query, req.query, 'query string') : {};
            const body = spec.body ? parseInput(spec.body, req.body, 'body') : undefined;
            const out = await spec.handler({ params, query, body, req });
            for (const [k, v] of Object.entries(out.headers ?? {})) res.setHeader(k, v);
            if (out.replayed) res.setHeader('Idempotent-Replayed', 'true');
            res.status(out.status).json(out.body);
          },
        ];
      }
      resource(router, path.replace(/\{(\w+)\}/g, ':$1'), handlers);
    }
    return router;
  }

  document(info: { title: string; version: string; description: string }): unknown {
    return new OpenApiGeneratorV31(this.openapi.definitions).generateDocument({
      openapi: '3.1.0',
      info,
      servers: [{ url: '/' }],
    });
  }

  /** `"METHOD /path"` of every endpoint (for fault rules and docs). */
  routes(): string[] {
    return this.specs.map((s) => `${s.method.toUpperCase()} ${s.path}`);
  }
}
