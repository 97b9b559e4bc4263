import { Router, type ErrorRequestHandler, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import { AppError, badRequest, payloadTooLarge } from '../../../platform/errors';
import { resource } from '../../../platform/http/resource';
import { parseInput } from '../../../platform/http/validate';
import type { DirectLineChannel } from './directLineChannel';
import { bearerToken, type ChatClaims } from './directLineTokens';
import { parseWatermark } from './watermark';

/** `POST /conversations` body: what the official clients send; the user id is ours to set. */
const startBody = z
  .object({
    user: z.object({ id: z.string().max(256).optional(), name: z.string().max(256).optional() }).loose().optional(),
    locale: z.string().max(35).optional(),
  })
  .loose()
  .optional();

const attachmentsNotSupported = () =>
  new AppError(415, 'attachments_not_supported', 'Sending files is not supported by this chat yet; describe it in a message instead.');

/** `Access-Control-*` for pages on other sites (the shop's) that embed Web Chat: bearer auth, no cookies. */
const cors: RequestHandler = (req, res, next) => {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', 'Retry-After, X-Request-Id');
  if (req.method === 'OPTIONS' && req.get('access-control-request-method')) {
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, x-ms-bot-agent, x-requested-with');
    res.setHeader('Access-Control-Max-Age', '600');
    return void res.status(204).end();
  }
  next();
};

/**
 * The Direct Line 3.0 REST surface, to mount at `/v3/directline` (the WebSocket stream is
 * {@link DirectLineChannel.handleUpgrade}). Errors are problem+json from the app's handler.
 */
export function directLineRouter(channel: DirectLineChannel): Router {
  const router = Router();
  const { maxBodyBytes } = channel.limits;

  router.use(cors);
  router.use((req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    const length = Number(req.headers['content-length'] ?? 0);
    if (length > maxBodyBytes) return next(payloadTooLarge(`The request body is larger than ${maxBodyBytes} bytes.`));
    next();
  });

  const auth = (req: Request, conversationId?: string) => channel.authorize(bearerToken(req.get('authorization')), conversationId);
  const requestBase = (req: Request) => ({ protocol: req.protocol, host: req.get('host') });
  const param = (req: Request) => String(req.params.conversationId);

  resource(router, '/conversations', {
    post: async (req, res) => {
      const claims = await auth(req);
      parseInput(startBody, req.body);
      await channel.limitNewConversations(req.ip ?? 'unknown');
      const startedNow = await channel.start(claims);
      const { token, expires_in } = await channel.refreshToken(claims);
      res.status(startedNow ? 201 : 200).json({
        conversationId: claims.conversationId,
        token,
        expires_in,
        streamUrl: await channel.streamUrl(heldUntil(claims, expires_in), 0, requestBase(req)),
      });
    },
  });

  resource(router, '/conversations/:conversationId', {
    // Reconnect: a fresh token and stream URL from the client's watermark on.
    get: async (req, res) => {
      const claims = await auth(req, param(req));
      const watermark = parseWatermark(req.query.watermark);
      await channel.conversation(claims.conversationId);
      await channel.start(claims);
      const { token, expires_in } = await channel.refreshToken(claims);
      res.json({ conversationId: claims.conversationId, token, expires_in, streamUrl: await channel.streamUrl(heldUntil(claims, expires_in), watermark, requestBase(req)) });
    },
  });

  resource(router, '/conversations/:conversationId/activities', {
    get: async (req, res) => {
      const claims = await auth(req, param(req));
      const watermark = parseWatermark(req.query.watermark);
      await channel.conversation(claims.conversationId);
      res.json(await channel.activities(claims.conversationId, watermark));
    },
    post: async (req, res) => {
      const claims = await auth(req, param(req));
      res.json(await channel.post(claims, req.body, req.ip));
    },
  });

  resource(router, '/conversations/:conversationId/upload', {
    post: async (req) => {
      await auth(req, param(req));
      throw attachmentsNotSupported();
    },
  });

  resource(router, '/conversations/:conversationId/stream', {
    get: async () => {
      throw badRequest('The activity stream is a WebSocket: connect to the streamUrl with a WebSocket client.');
    },
  });

  resource(router, '/tokens/refresh', {
    post: async (req, res) => {
      const claims = await auth(req);
      await channel.conversation(claims.conversationId);
      res.json(await channel.refreshToken(claims));
    },
  });

  return router;
}

/**
 * Turns the JSON-only 415 of the shared body parser into the clearer "attachments are not
 * supported" on the upload path (multipart bodies are refused before any route runs).
 * Install after the routes, before the app's problem handler.
 */
export const uploadErrors: ErrorRequestHandler = (err, req, _res, next) => {
  if (/\/conversations\/[^/]+\/upload\/?$/.test(req.path) && req.method === 'POST' && err instanceof AppError && err.status === 415) {
    return next(attachmentsNotSupported());
  }
  next(err);
};

/** The claims of the fresh token the client now holds: its stream closes when that token expires. */
function heldUntil(claims: ChatClaims, expiresIn: number): ChatClaims {
  return { ...claims, expiresAt: Math.floor(Date.now() / 1000) + expiresIn };
}
