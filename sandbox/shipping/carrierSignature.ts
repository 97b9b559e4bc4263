import { createHmac, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { Carrier } from '../../contracts/shipping';
import { AppError, notFound } from '../../platform/errors';

/** The header a carrier signs its webhook with: `sha256=<hex HMAC-SHA256 of the raw body>`. */
export const CARRIER_SIGNATURE_HEADER = 'X-Carrier-Signature';

/** The `X-Carrier-Signature` value for a body (what a carrier sends; tests and demos use it). */
export function signCarrierPayload(secret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

const invalidSignature = (detail: string) =>
  new AppError(401, 'invalid_signature', detail, { headers: { 'WWW-Authenticate': `HMAC-SHA256 header="${CARRIER_SIGNATURE_HEADER}"` } });

/**
 * Authenticates a carrier webhook: the carrier in the path must be known (404 otherwise) and
 * `X-Carrier-Signature` must be the HMAC-SHA256 of the exact bytes received (`req.rawBody`, not
 * re-serialised JSON) with that carrier's secret, compared in constant time (401 otherwise).
 * Runs before body validation, so unsigned requests learn nothing about the schema.
 */
export function verifyCarrierSignature(secrets: Record<string, string>): RequestHandler {
  return (req, _res, next) => {
    const carrier = String(req.params.carrier ?? '');
    const secret = Carrier.safeParse(carrier).success && Object.hasOwn(secrets, carrier) ? secrets[carrier] : undefined;
    if (!secret) return next(notFound(`There is no carrier "${carrier}" here.`));
    const header = req.get(CARRIER_SIGNATURE_HEADER);
    if (!header) return next(invalidSignature(`Sign the raw body with your webhook secret and send it as "${CARRIER_SIGNATURE_HEADER}: sha256=<hex>".`));
    const m = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
    const expected = createHmac('sha256', secret)
      .update(req.rawBody ?? Buffer.alloc(0))
      .digest();
    if (!m || !timingSafeEqual(Buffer.from(m[1]!, 'hex'), expected)) return next(invalidSignature('The webhook signature does not match the body.'));
    next();
  };
}
