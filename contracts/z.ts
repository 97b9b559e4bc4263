import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

// `.openapi(...)` names schemas for the generated OpenAPI document; clients ignore it.
extendZodWithOpenApi(z);

export { z };

/** A calendar date, `YYYY-MM-DD` (UTC). */
export const isoDate = z.iso.date().openapi({ example: '2026-12-01' });
/** An instant, ISO 8601 with offset. */
export const isoDateTime = z.iso.datetime({ offset: true }).openapi({ example: '2026-11-26T17:00:00.000Z' });
/** Money in minor units (cents). */
export const cents = z.number().int().openapi({ example: 2500, description: 'Amount in cents' });
export const currency = z.literal('USD');
export const customerId = z.string().regex(/^[a-z0-9-]{1,40}$/).openapi({ example: 'cus-ava' });

/** RFC 9457 problem document, as every error of these APIs is sent. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    code: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .passthrough()
  .openapi('Problem');
export type Problem = z.infer<typeof Problem>;
