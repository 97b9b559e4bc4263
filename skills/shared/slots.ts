import type { Recognition } from '../../nlu/recognizer';
import { statedEntities } from './statedEntities';

/**
 * Typed slot values read from a recognition's entities: the only place skills touch the
 * entity shapes.
 */
type R = Pick<Recognition, 'entities'> & { text?: string };
const first = (r: R, type: string) => statedEntities(r).find((e) => e.type === type) as Record<string, unknown> | undefined;
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const UNTIL = /^\s*(?:until|till?|through|thru|after|past)\b/i;
const UNTIL_BEFORE = /\b(?:until|till?|through|thru|after|past)\s+(?:the\s+)?$/i;
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

export const slots = {
  orderNumber: (r: R) => str(first(r, 'orderNumber')?.value),
  giftCardNumber: (r: R) => str(first(r, 'giftCardNumber')?.value),
  pin: (r: R) => str(first(r, 'pin')?.value),
  quantity: (r: R) => num(first(r, 'quantity')?.value),
  points: (r: R) => num(first(r, 'points')?.value),
  /** Every N weeks. */
  frequencyWeeks: (r: R) => num((first(r, 'frequency')?.value as { weeks?: number } | undefined)?.weeks),
  /**
   * `YYYY-MM-DD`. Of several dates, the one "until"/"after" binds is the one meant: "away over
   * Christmas, hold it until after the holidays" is 2 January, not 25 December.
   */
  date: (r: R) => {
    const dates = statedEntities(r).filter((e) => e.type === 'date');
    const bound = dates.length > 1 ? dates.find((e) => UNTIL.test(e.text) || (r.text !== undefined && UNTIL_BEFORE.test(r.text.slice(0, e.start)))) : undefined;
    return str((bound ?? dates[0])?.value);
  },
  /** A span of time in days ("for two weeks" → 14). */
  durationDays: (r: R) => num((first(r, 'duration')?.value as { days?: number } | undefined)?.days),
};
