import type { z } from 'zod';
import { unprocessable, type FieldError } from '../errors';

/** zod issues → the `errors` member of a 422 problem. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
}

/**
 * Parses request input (body, query, params) or throws a 422 naming every failing field.
 * @param what a word for the message: "body", "query"...
 */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown, what = 'body'): z.output<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const errors = fieldErrors(r.error);
  throw unprocessable(`The request ${what} is not valid: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}.`, errors);
}
