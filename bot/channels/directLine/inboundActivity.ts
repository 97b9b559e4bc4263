import { z } from 'zod';
import { payloadTooLarge } from '../../../platform/errors';
import { parseInput } from '../../../platform/http/validate';
import { IDENTITY_KEY } from '../../identity';

const shortString = (max: number) => z.string().max(max);

/**
 * What a client may post. Everything that says who or where (`from`, `conversation`, `id`,
 * `recipient`, `timestamp`, `serviceUrl`, `deliveryMode`…) is dropped: the server sets it.
 */
const inboundSchema = z.object({
  type: z.enum(['message', 'typing', 'event'], { message: 'must be "message", "typing" or "event"' }),
  text: z.string().optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  locale: shortString(35).optional(),
  localTimestamp: shortString(40).optional(),
  localTimezone: shortString(64).optional(),
  name: shortString(128).optional(),
  value: z.unknown().optional(),
  replyToId: shortString(256).optional(),
  entities: z.array(z.record(z.string(), z.unknown())).max(20).optional(),
  attachments: z.array(z.unknown()).max(0, { message: 'attachments are not supported yet' }).optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Event names the bot accepts from a customer's client: none today. Every other client event
 * (`handoff.status` above all: only the hub may say an agent joined) is dropped at the edge,
 * neither logged nor delivered to the bot.
 */
export const CLIENT_EVENT_NAMES: ReadonlySet<string> = new Set<string>();

/** Is this posted activity one the channel drops (an event the bot does not take from clients)? */
export function isDroppedClientEvent(a: InboundActivity): boolean {
  return a.type === 'event' && !CLIENT_EVENT_NAMES.has(typeof a.name === 'string' ? a.name : '');
}

/** The part of an activity a client decides. */
export interface InboundActivity {
  type: string;
  channelData?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * Validates a posted activity and keeps only what a client may decide.
 * @throws AppError 413 when the text is longer than `maxTextLength` characters, 422 otherwise.
 */
export function parseInboundActivity(body: unknown, maxTextLength: number): InboundActivity {
  const text = (body as { text?: unknown } | undefined)?.text;
  if (typeof text === 'string' && text.length > maxTextLength && [...text].length > maxTextLength) {
    throw payloadTooLarge(`The message text is longer than ${maxTextLength} characters.`);
  }
  const a = parseInput(inboundSchema, body, 'activity');
  const channelData: Record<string, unknown> = { ...a.channelData };
  // The identity is the server's to say (bot/identity.ts), and so is the ordering key.
  delete channelData[IDENTITY_KEY];
  delete channelData['webchat:sequence-id'];
  const out: InboundActivity = { type: a.type };
  for (const key of ['text', 'textFormat', 'locale', 'localTimestamp', 'localTimezone', 'name', 'value', 'replyToId', 'entities'] as const) {
    if (a[key] !== undefined) out[key] = a[key];
  }
  if (Object.keys(channelData).length) out.channelData = channelData;
  return out;
}
