/** A button under a proactive message. */
export interface NoticeButton {
  /** What the button shows (and the chat shows as the customer's message). */
  title: string;
  /** The intent it starts directly (no classification), like the bot's own suggestions. */
  intent: string;
  /** What the bot reads as the customer's message (names the order or subscription); default the title. */
  text?: string;
}

/** One proactive message for one customer, sent at most once (by `key`). */
export interface Notice {
  /** Unique per notice: `shipment:<carrier>:<eventId>`, `reminder:<subscriptionId>:<date>`. */
  key: string;
  kind: 'shipment' | 'reminder';
  customerId: string;
  text: string;
  buttons: NoticeButton[];
  /** Notices of one thread (an order) go out in `at` order: an older one after a newer one is dropped. */
  thread?: { id: string; at: string };
}

/** `channelData` key of a proactive message in the activity log: `{ key, kind }`. */
export const NOTICE_KEY = 'pawNotice';
