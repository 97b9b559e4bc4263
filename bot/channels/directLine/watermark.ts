import { badRequest } from '../../../platform/errors';

/**
 * The clients' watermark (opaque to them: we hand it out, they send it back) → the log
 * sequence number to read after. Empty or absent = from the start.
 * @throws AppError 400 when it is not one of ours.
 */
export function parseWatermark(raw: unknown): number {
  if (raw === undefined || raw === null || raw === '' || raw === '-') return 0;
  if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw)) throw badRequest('The watermark is not valid.');
  return Number(raw);
}
