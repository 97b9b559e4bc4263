import type { Entity } from './recognizer';

/**
 * The message with every entity's span blanked out: the words that name things, not the
 * numbers and dates ("for 6 weeks not 4" → "for   not  "). Entities must not overlap (the
 * recognizer's never do).
 */
export function withoutEntities(r: { text: string; entities: readonly Pick<Entity, 'start' | 'end'>[] }): string {
  return r.entities.reduceRight((t, e) => t.slice(0, e.start) + ' ' + t.slice(e.end), r.text);
}
