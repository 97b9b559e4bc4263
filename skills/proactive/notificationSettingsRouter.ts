import { createHash, timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { unauthorized } from '../../platform/errors';
import { resource } from '../../platform/http/resource';
import { parseInput } from '../../platform/http/validate';
import { bearerToken } from '../../bot/channels/directLine/directLineTokens';
import { NotificationSettingsPatch, type NotificationPreferences } from './notificationPreferences';

const Params = z.object({ customerId: z.string().trim().min(1).max(128) });
const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * The shop's account page reads and changes a customer's notification settings through its
 * server, with the chat API secret (like `POST /api/chat/token`):
 * `GET|PATCH /api/chat/customers/{customerId}/notifications` → `{shippingUpdates, renewalReminders, quietHours}`.
 */
export function notificationSettingsRouter(preferences: NotificationPreferences, apiSecret: string): Router {
  const router = Router();
  const secret = digest(apiSecret);
  const authorize = (header: string | undefined) => {
    const given = bearerToken(header);
    if (!given || !timingSafeEqual(digest(given), secret)) throw unauthorized('Send the chat API secret as "Authorization: Bearer <secret>".');
  };
  resource(router, '/api/chat/customers/:customerId/notifications', {
    get: async (req, res) => {
      authorize(req.get('authorization'));
      const { customerId } = parseInput(Params, req.params, 'path');
      res.setHeader('Cache-Control', 'no-store');
      res.json(await preferences.get(customerId));
    },
    patch: async (req, res) => {
      authorize(req.get('authorization'));
      const { customerId } = parseInput(Params, req.params, 'path');
      res.json(await preferences.update(customerId, parseInput(NotificationSettingsPatch, req.body ?? {})));
    },
  });
  return router;
}
