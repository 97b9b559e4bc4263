/**
 * What dialogs and routing see of natural-language understanding. No NLP.js type crosses this
 * boundary: the implementation lives in `nlpjsRecognizer.ts`.
 */

/** Where an entity was found: `text` is the exact span of the message (`start`…`end`, end exclusive). */
interface Span {
  text: string;
  start: number;
  end: number;
}

/** `PS-10042` (from "PS-10042", "ps 10042", "order #10042", "order number 10042"). */
export interface OrderNumberEntity extends Span {
  type: 'orderNumber';
  value: string;
}
/** 16 digits, no separators (the span may be grouped: "1234 5678 9012 3456"). Mask before logging. */
export interface GiftCardNumberEntity extends Span {
  type: 'giftCardNumber';
  value: string;
}
/** 4–8 digits after the word "pin". Mask before logging. */
export interface PinEntity extends Span {
  type: 'pin';
  value: string;
}
/** A count of things ("2 bags", "three cans"). */
export interface QuantityEntity extends Span {
  type: 'quantity';
  value: number;
}
/** How often: "every 6 weeks" → 6, "every other week" → 2, "monthly" / "every month" → 4. */
export interface FrequencyEntity extends Span {
  type: 'frequency';
  value: { weeks: number };
}
/** A calendar day `yyyy-mm-dd`, resolved against the reference date, preferring the future. */
export interface DateEntity extends Span {
  type: 'date';
  value: string;
}
/** A length of time: "for two weeks" → `{ days: 14, weeks: 2 }` (`weeks` only when whole). */
export interface DurationEntity extends Span {
  type: 'duration';
  value: { days: number; weeks?: number };
}
/** Reward points: "500 points". */
export interface PointsEntity extends Span {
  type: 'points';
  value: number;
}
/** An amount of money: "$25", "25 dollars". */
export interface MoneyEntity extends Span {
  type: 'money';
  value: { amount: number; currency: string };
}

export type Entity =
  | OrderNumberEntity
  | GiftCardNumberEntity
  | PinEntity
  | QuantityEntity
  | FrequencyEntity
  | DateEntity
  | DurationEntity
  | PointsEntity
  | MoneyEntity;

export type EntityType = Entity['type'];

export interface IntentScore {
  intent: string;
  score: number;
}

/** The understanding of one message. */
export interface Recognition {
  text: string;
  /** Best intent; `'none'` when out of scope. */
  intent: string;
  /**
   * Confidence in `intent`, 0…1: the n-gram head's probability blended with NLP.js's confidence
   * (its normalised share times the network's raw activation; the share alone is often 1.0 even
   * when wrong), see `nlpjsRecognizer.ts`. Route with `decide()`, not a fixed cut.
   */
  score: number;
  /** Up to 5 intents with their confidences, best first. */
  ranking: IntentScore[];
  entities: Entity[];
}

export interface RecognizeOptions {
  /** Reference date for relative dates ("tomorrow", "next Friday"); defaults to the recognizer's clock. */
  now?: Date;
}

export interface Recognizer {
  recognize(text: string, options?: RecognizeOptions): Promise<Recognition>;
  /** Identifies the trained model (content hash and training time). */
  readonly modelVersion: string;
}
