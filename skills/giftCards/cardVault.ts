import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { GiftCardCredentials } from '../../contracts/giftCards';

/** How long sealed card details stay usable: long enough to type a PIN or answer a confirmation. */
export const CARD_SEAL_TTL_MS = 10 * 60_000;

const PREFIX = 'gc1.';

/**
 * Keeps a gift card's number (and PIN) between the turns of one gift-card dialog without ever
 * putting them at rest in plain text: dialog state (saved in Redis) holds only an AES-256-GCM
 * sealed blob that expires after {@link CARD_SEAL_TTL_MS}. The key comes from the environment
 * (`CARD_STATE_KEY`); without one, a random key per process (a restart forgets pending cards,
 * and several instances need the same key).
 */
export class CardVault {
  private readonly key: Buffer;

  constructor(
    secret: string | undefined,
    private readonly now: () => Date = () => new Date(),
    private readonly ttlMs = CARD_SEAL_TTL_MS,
  ) {
    this.key = secret ? createHash('sha256').update(`paw.cardVault\n${secret}`).digest() : randomBytes(32);
  }

  /** An opaque, expiring string for dialog state. */
  seal(card: Partial<GiftCardCredentials>): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify({ n: card.number, p: card.pin, exp: this.now().getTime() + this.ttlMs }), 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** The card details, or undefined when the blob expired, was altered or was sealed with another key. */
  open(sealed: unknown): Partial<GiftCardCredentials> | undefined {
    if (typeof sealed !== 'string' || !sealed.startsWith(PREFIX)) return undefined;
    try {
      const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const plain = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as { n?: string; p?: string; exp: number };
      if (!(plain.exp > this.now().getTime())) return undefined;
      return { ...(plain.n ? { number: plain.n } : {}), ...(plain.p ? { pin: plain.p } : {}) };
    } catch {
      return undefined;
    }
  }
}
