import { createHmac, randomBytes } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { AppError, unauthorized } from '../../../platform/errors';

/** What a chat token proves: this user may use this conversation, as this customer. */
export interface ChatClaims {
  conversationId: string;
  userId: string;
  /** The shop's customer, or null for an anonymous visitor. */
  customerId: string | null;
  name?: string;
  /** When the verified token expires (epoch seconds); set by {@link DirectLineTokens.verify}. */
  expiresAt?: number;
}

/** What a stream token proves: this user may follow this conversation until `closesAt`. */
export interface StreamClaims {
  conversationId: string;
  userId: string;
  /** When the chat token it was issued for expires (epoch seconds): the open stream closes then. */
  closesAt: number;
}

export interface IssuedToken {
  token: string;
  /** Seconds until it expires. */
  expiresIn: number;
}

const ISSUER = 'pawsupport';
const AUDIENCE = 'directline';
const STREAM_AUDIENCE = 'directline-stream';

/**
 * Signs and checks the chat channel's tokens: HS256 JWTs bound to one conversation and one
 * user. The `user` claim is the Direct Line user id, which Web Chat and directlinejs read.
 * Stream tokens (in the WebSocket URL) are separate, short-lived and good for nothing else.
 */
export class DirectLineTokens {
  private readonly key: Uint8Array;

  constructor(
    private readonly secret: string,
    readonly ttlSeconds = 1800,
    readonly streamTtlSeconds = 120,
  ) {
    if (secret.length < 32) throw new Error('the Direct Line token secret must be at least 32 characters');
    this.key = new TextEncoder().encode(secret);
  }

  /** A new conversation id (URL-safe, unguessable). */
  static newConversationId(): string {
    return randomBytes(18).toString('base64url');
  }

  /** The Direct Line user id for a customer: stable, but not the customer id itself. */
  userIdFor(customerId: string | null): string {
    if (customerId === null) return `a_${randomBytes(12).toString('base64url')}`;
    return `u_${createHmac('sha256', this.secret).update(`user:${customerId}`).digest('base64url').slice(0, 22)}`;
  }

  async issue(claims: ChatClaims): Promise<IssuedToken> {
    const token = await new SignJWT({
      conv: claims.conversationId,
      user: claims.userId,
      cid: claims.customerId,
      ...(claims.name ? { nm: claims.name } : {}),
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject(claims.userId)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
    return { token, expiresIn: this.ttlSeconds };
  }

  /**
   * @throws AppError 401 when the token is missing, malformed or not ours; 403 when it expired
   * (what Direct Line clients expect: they stop retrying and report an expired token).
   */
  async verify(token: string | undefined): Promise<ChatClaims> {
    return this.check(token, AUDIENCE);
  }

  /**
   * A stream token for the holder of a verified chat token: good for connecting for
   * `streamTtlSeconds` at most and never past the chat token's own expiry, which it carries so
   * the open stream closes then too (the client reconnects with its refreshed token).
   */
  async issueStreamToken(claims: ChatClaims): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const closesAt = claims.expiresAt ?? now + this.ttlSeconds;
    return new SignJWT({ conv: claims.conversationId, user: claims.userId, cls: closesAt })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(STREAM_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(Math.min(now + this.streamTtlSeconds, closesAt))
      .sign(this.key);
  }

  async verifyStreamToken(token: string | undefined): Promise<StreamClaims> {
    const claims = await this.check(token, STREAM_AUDIENCE);
    return { conversationId: claims.conversationId, userId: claims.userId, closesAt: claims.closesAt ?? claims.expiresAt ?? 0 };
  }

  private async check(token: string | undefined, audience: string): Promise<ChatClaims & { closesAt?: number }> {
    if (!token) throw unauthorized('Send the chat token as "Authorization: Bearer <token>".');
    if (token.length > 4096) throw unauthorized('The chat token is not valid.');
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience, algorithms: ['HS256'] });
      const { conv, user, cid, nm, cls, exp } = payload as Record<string, unknown>;
      if (typeof conv !== 'string' || typeof user !== 'string') throw unauthorized('The chat token is not valid.');
      return {
        conversationId: conv,
        userId: user,
        customerId: typeof cid === 'string' ? cid : null,
        ...(typeof nm === 'string' ? { name: nm } : {}),
        ...(typeof exp === 'number' ? { expiresAt: exp } : {}),
        ...(typeof cls === 'number' ? { closesAt: cls } : {}),
      };
    } catch (err) {
      if (err instanceof AppError) throw err;
      if (err instanceof joseErrors.JWTExpired) throw new AppError(403, 'token_expired', 'The chat token has expired; start a new conversation.');
      throw unauthorized('The chat token is not valid.');
    }
  }
}

/** The bearer token of an `Authorization` header, if any. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1];
}
