import { Culture, recognizeCurrency, recognizeDateTime, recognizeNumber } from '@microsoft/recognizers-text-suite';
import type { Entity } from './recognizer';

/**
 * Entities of one message. Order numbers, gift card numbers and PINs are found by pattern;
 * dates, durations, frequencies, amounts and numbers come from Microsoft Recognizers-Text,
 * resolved against `now` (preferring the future: "March 3rd" in December is next March).
 * Spans never overlap: patterns first, then dates, money, numbers.
 */
export function extractEntities(text: string, now: Date): Entity[] {
  const found: Entity[] = [];
  const taken = (start: number, end: number) => found.some((e) => start < e.end && e.start < end);
  const add = (e: Entity) => {
    if (!taken(e.start, e.end)) found.push(e);
  };
  const span = (start: number, end: number) => ({ text: text.slice(start, end), start, end });

  for (const m of text.matchAll(CARD)) {
    const end = m.index + m[0].length;
    add({ type: 'giftCardNumber', value: m[0].replace(/\D/g, ''), ...span(m.index, end) });
    // "6006 4912 3456 1001 / 4321", "card 6006491234561001 and 4321": the digits right after a card are its PIN.
    const after = PIN_AFTER_CARD.exec(text.slice(end));
    if (after) {
      const start = end + after[0].length - after[1]!.length;
      add({ type: 'pin', value: after[1]!, ...span(start, start + after[1]!.length) });
    }
  }
  for (const m of text.matchAll(PIN)) {
    const start = m.index + m[0].length - m[1]!.length;
    add({ type: 'pin', value: m[1]!, ...span(start, start + m[1]!.length) });
  }
  for (const re of ORDER_PATTERNS) {
    for (const m of text.matchAll(re)) {
      const digits = m[1]!;
      const start = re === ORDER_PREFIXED ? m.index : m.index + m[0].length - digits.length;
      add({ type: 'orderNumber', value: `PS-${digits}`, ...span(start, m.index + m[0].length) });
    }
  }

  const today = isoDay(now);
  for (const h of holidays(text, today)) add(h);
  for (const r of recognizeDateTime(text, Culture.English, undefined, now) as MsResult[]) {
    const end = r.end + 1;
    if (taken(r.start, end)) continue;
    const e = fromDateTime(r, today);
    if (e) add({ ...e, ...span(r.start, end) } as Entity);
  }

  for (const r of recognizeCurrency(text, Culture.English) as MsResult[]) {
    const unit = String(r.resolution?.unit ?? '');
    // "50 cents" is half a dollar.
    const amount = Number(r.resolution?.value) / (unit === 'Cent' ? 100 : 1);
    if (!Number.isFinite(amount)) continue;
    add({ type: 'money', value: { amount, currency: r.resolution?.isoCurrency ?? CURRENCIES[unit] ?? unit }, ...span(r.start, r.end + 1) });
  }

  for (const r of recognizeNumber(text, Culture.English) as MsResult[]) {
    const value = Number(r.resolution?.value);
    const end = r.end + 1;
    if (!Number.isInteger(value) || value < 0 || taken(r.start, end)) continue;
    const points = POINTS_AFTER.exec(text.slice(end));
    if (points) add({ type: 'points', value, ...span(r.start, end + points[0].length) });
    else if (value > 0 && !NOT_A_COUNT_AFTER.test(text.slice(end))) add({ type: 'quantity', value, ...span(r.start, end) });
  }

  return found.sort((a, b) => a.start - b.start);
}

/** What we read of Recognizers-Text's `ModelResult` (its `resolution` is untyped). */
interface MsResult {
  start: number;
  /** Inclusive. */
  end: number;
  text: string;
  typeName: string;
  resolution?: { value?: string; unit?: string; isoCurrency?: string; values?: MsValue[] } & Record<string, unknown>;
}
interface MsValue {
  timex?: string;
  type?: string;
  Mod?: string;
  value?: string;
  start?: string;
  end?: string;
}

// 16 digits in groups of 4 with the same separator (or none).
const CARD = /(?<![\d-])\d{4}([ -]?)\d{4}\1\d{4}\1\d{4}(?![\d-])/g;
// 4–8 digits after the word "pin" or "code" ("pin 1234", "PIN: 1234", "the code is 5678"; not a zip code).
const PIN = /\b(?<!(?:zip|postal|post|promo|discount)\s)(?:pin|passcode|code)(?:\s*(?:code|number|no\.?|is|was|:|#|=))*\s*(\d{4,8})\b/gi;
// Right after a card number: a separator or a joining word, then 4–8 digits.
const PIN_AFTER_CARD = /^\s*(?:(?:[,/;&+]|and|with|the|its?|is|pin|code|number|no\.?|:|#|-)\s*)*(\d{4,8})(?![\d-])/i;
const ORDER_PREFIXED = /\bps[\s-]?#?(\d{4,8})\b/gi;
// "order 10042", "order #10042", "order number is 10042", "#10042", or a bare 5–8 digit number
// that is not an amount ("10000 points", "$25000", "15000 dollars").
const ORDER_PATTERNS = [
  ORDER_PREFIXED,
  /\border(?:\s*(?:number|num|no\.?|id|#|is|:))*\s*#?\s*(\d{4,8})\b/gi,
  /(?<![\w-])#(\d{4,8})\b/g,
  /(?<![\w.,$€£-])(\d{5,8})(?![\w.,%-])(?!\s*(?:reward\s+|bonus\s+)?(?:points?|pts|dollars?|usd|bucks|euros?|cents?|lbs?|pounds?|kg|oz|days?|weeks?|months?|years?)\b)/gi,
];
// "12 lb bag", "30%": a size or a share, not a count.
const NOT_A_COUNT_AFTER = /^\s*(?:%|percent\b|lbs?\b|pounds?\b|oz\b|ounces?\b|kg\b|kilos?\b|g\b|grams?\b|ml\b|l\b|lit(?:er|re)s?\b|inch(?:es)?\b|in\b|ft\b|feet\b|cm\b)/i;
const POINTS_AFTER = /^\s*(?:reward\s+|bonus\s+)?(?:points?|pts)\b/i;
const CURRENCIES: Record<string, string> = { Dollar: 'USD', 'United States dollar': 'USD', Euro: 'EUR', 'British pound': 'GBP', Pound: 'GBP', Cent: 'USD' };
const DAY_SECONDS = 86_400;

function fromDateTime(r: MsResult, today: string): Omit<Entity, 'text' | 'start' | 'end'> | undefined {
  const values = r.resolution?.values ?? [];
  // Two values mean "ambiguous past or future": the last one is the future reading.
  const v = values.at(-1);
  if (!v) return undefined;
  switch (r.typeName) {
    case 'datetimeV2.set': {
      const weeks = weeksOf(v.timex);
      return weeks === undefined ? undefined : { type: 'frequency', value: { weeks } };
    }
    case 'datetimeV2.duration': {
      const days = Number(v.value) / DAY_SECONDS;
      if (!Number.isFinite(days) || days < 1) return undefined;
      const rounded = Math.round(days * 100) / 100;
      return { type: 'duration', value: Number.isInteger(rounded / 7) ? { days: rounded, weeks: rounded / 7 } : { days: rounded } };
    }
    case 'datetimeV2.date':
    case 'datetimeV2.datetime':
      return day(pickFuture(values, (x) => x.value, today));
    case 'datetimeV2.daterange': {
      // A bare year ("1234") is a number, not a date we can use.
      if (/^\d+$/.test(r.text.trim())) return undefined;
      // "the end of next month": Recognizers gives its second half; a person means its last day.
      if (/\bend\s+of\b/i.test(r.text)) {
        const last = lastDayOf(values.at(-1)?.timex);
        if (last) return day(last);
      }
      // "until March 3rd" / "by Friday" → the end; "after New Year's Day" → the day after;
      // "since…", "from … to …" → the start.
      const pick = (x: MsValue) => (x.Mod === 'before' ? x.end : x.Mod === 'after' && x.start ? addDays(x.start.slice(0, 10), 1) : x.start ?? x.end);
      return day(pickFuture(values, pick, today));
    }
    default:
      return undefined;
  }
}

/** Of the candidate readings, the first on or after today; else the last one. */
function pickFuture(values: MsValue[], read: (v: MsValue) => string | undefined, today: string): string | undefined {
  const days = values.map(read).filter((x): x is string => !!x).map((x) => x.slice(0, 10));
  return days.find((d) => d >= today) ?? days.at(-1);
}

function day(value: string | undefined): Omit<Entity, 'text' | 'start' | 'end'> | undefined {
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? { type: 'date', value } : undefined;
}

/** `P6W` → 6, `P1M` → 4 (a month counts as 4 weeks), `P14D` → 2, "every Monday" → 1. */
function weeksOf(timex: string | undefined): number | undefined {
  if (!timex) return undefined;
  if (/^XXXX-WXX-\d$/.test(timex)) return 1;
  const m = /^P(\d+(?:\.\d+)?)([DWMY])$/.exec(timex);
  if (!m) return undefined;
  const n = Number(m[1]);
  const weeks = { D: n / 7, W: n, M: n * 4, Y: n * 52 }[m[2] as 'D' | 'W' | 'M' | 'Y'];
  return weeks >= 1 && Number.isInteger(weeks) ? weeks : undefined;
}

/** Adds whole days to a `YYYY-MM-DD` day. */
function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The last day of a timex period: `2026-12` → 2026-12-31, `2026` → 2026-12-31. */
function lastDayOf(timex: string | undefined): string | undefined {
  const m = /^(\d{4})(?:-(\d{2}))?$/.exec(timex ?? '');
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : 12;
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

// "after the holidays", "until the holidays are over", "after New Year's": the season ends on
// New Year's Day, so they mean 2 January. "new years" alone is New Year's Day (Recognizers
// reads it as New Year's Eve). Recognizers-Text has no entry for "the holidays".
const HOLIDAYS_OVER = /\b(?:(?:un)?til+\s+|through\s+|thru\s+)?(?:(?:after|past|over)\s+(?:the\s+)?(?:holidays|holiday\s+season|new\s*years?(?:'s)?(?:\s+day)?)|the\s+holidays\s+are\s+over)\b/gi;
const NEW_YEARS = /\b(?:(?:un)?til+\s+)?new\s*year(?!(?:'s|s)?\s*eve)(?:'s|s)?(?:\s+day)?\b/gi;

/** Holiday phrases a person uses for a date, as `date` entities relative to `today`. */
function holidays(text: string, today: string): Entity[] {
  // The coming New Year's Day (today, if it is one).
  const year = Number(today.slice(0, 4)) + (today.slice(5) === '01-01' ? 0 : 1);
  const newYearsDay = `${year}-01-01`;
  const found: Entity[] = [];
  for (const m of text.matchAll(HOLIDAYS_OVER)) found.push({ type: 'date', value: addDays(newYearsDay, 1), text: m[0], start: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(NEW_YEARS)) {
    if (!found.some((f) => m.index < f.end && f.start < m.index + m[0].length)) found.push({ type: 'date', value: newYearsDay, text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return found;
}

/** `yyyy-mm-dd` of a Date in local time (Recognizers-Text reads the local fields too). */
function isoDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
