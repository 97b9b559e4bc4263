import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** A ready-made reply an agent can insert and edit. */
export interface CannedResponse {
  title: string;
  text: string;
}

const fileSchema = z.object({
  responses: z.array(z.object({ title: z.string().min(1).max(60), text: z.string().min(1).max(2000) }).strict()).max(100),
});

/** The built-in canned responses. */
export const DEFAULT_CANNED_RESPONSES_FILE = path.join(__dirname, 'cannedResponses.json');

/** Reads and validates a canned responses file (`{"responses":[{"title","text"}]}`); errors name the file. */
export function loadCannedResponses(file = DEFAULT_CANNED_RESPONSES_FILE): CannedResponse[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`Cannot read canned responses file ${file}: ${(e as Error).message}`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`Canned responses file ${file} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data.responses;
}
