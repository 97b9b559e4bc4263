import { z } from 'zod';
import type { DocStore } from '../../platform/store/docStore';

const clock = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24 h)');

/** Hours in which no proactive message is sent (they wait until the hours end). */
export const QuietHours = z
  .object({
    from: clock,
    to: clock,
    /** IANA time zone of the customer, e.g. `America/Chicago` (default UTC). */
    timeZone: z
      .string()
      .max(64)
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'is not a known time zone')
      .default('UTC'),
  })
  .strict();
export type QuietHours = z.infer<typeof QuietHours>;

/** What a customer wants to hear from the shop on its own. */
export const NotificationSettings = z
  .object({
    /** Carrier milestones of their orders. */
    shippingUpdates: z.boolean(),
    /** A reminder before each autoship delivery. */
    renewalReminders: z.boolean(),
    quietHours: QuietHours.nullable(),
  })
  .strict();
export type NotificationSettings = z.infer<typeof NotificationSettings>;

/** A change: any of the settings. */
export const NotificationSettingsPatch = NotificationSettings.partial().strict();
export type NotificationSettingsPatch = z.infer<typeof NotificationSettingsPatch>;

export const DEFAULT_SETTINGS: NotificationSettings = { shippingUpdates: true, renewalReminders: true, quietHours: null };

const key = (customerId: string) => `proactive:settings:${customerId}`;

/**
 * Per-customer notification settings (chat and the shop's account page change them), on the
 * {@link DocStore}. Contract: `test/contracts/proactiveStores.contract.ts`.
 */
export class NotificationPreferences {
  constructor(private readonly docs: DocStore) {}

  async get(customerId: string): Promise<NotificationSettings> {
    return { ...DEFAULT_SETTINGS, ...(await this.docs.get<NotificationSettings>(key(customerId)))?.value };
  }

  /** Applies a change atomically. @returns the settings now in force */
  async update(customerId: string, patch: NotificationSettingsPatch): Promise<NotificationSettings> {
    const k = key(customerId);
    return this.docs.transact([k], (read) => {
      const value: NotificationSettings = { ...DEFAULT_SETTINGS, ...read<NotificationSettings>(k)?.value, ...patch };
      return { writes: [{ key: k, value }], result: value };
    });
  }
}

/** Is `at` inside the quiet hours? @returns when they end if so */
export function quietUntil(quiet: QuietHours | null, at: Date): Date | undefined {
  if (!quiet || quiet.from === quiet.to) return undefined;
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: quiet.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const hh = Number(parts.find((p) => p.type === 'hour')!.value);
  const mm = Number(parts.find((p) => p.type === 'minute')!.value);
  const minutes = hh * 60 + mm;
  const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
  const from = toMin(quiet.from);
  const to = toMin(quiet.to);
  const inside = from < to ? minutes >= from && minutes < to : minutes >= from || minutes < to;
  if (!inside) return undefined;
  const wait = (to - minutes + 24 * 60) % (24 * 60);
  return new Date(at.getTime() + wait * 60_000 - at.getUTCSeconds() * 1000 - at.getUTCMilliseconds());
}
