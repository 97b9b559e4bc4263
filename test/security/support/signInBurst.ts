import assert from 'node:assert/strict';
import { isProblem, json, show, type RawResponse } from './attackClient';
import type { Attack } from './attackTally';

/** Sends every sign-in at once from one client address; `base(i)` picks the instance of the i-th. */
export async function signInBurst(base: (i: number) => string, attempts: { username: string; password: string }[], address: string): Promise<RawResponse[]> {
  return Promise.all(attempts.map((a, i) => json(`${base(i)}/auth/login`, 'POST', a, { 'x-forwarded-for': address }, 60_000)));
}

/**
 * Counts a burst's answers into `attack`: at most `maxChecked` may have been checked (401); the
 * rest must be 429 problem+json with Retry-After. @returns how many were checked.
 */
export function countBurst(attack: Attack, rs: RawResponse[], maxChecked: number, what: string): number {
  const other = rs.filter((r) => r.status !== 401 && !(isProblem(r, 429) && Number(r.headers['retry-after']) >= 1));
  assert.deepEqual(other.map(show), [], 'every answer is 401, or 429 problem+json with Retry-After');
  const checked = rs.filter((r) => r.status === 401).length;
  attack.count(rs.length, Math.max(0, checked - maxChecked), `${checked} of ${rs.length} ${what} were checked (at most ${maxChecked} may be)`);
  return checked;
}

/** 50 wrong passwords for one account. */
export const wrongGuesses = (username: string, n = 50) => Array.from({ length: n }, (_, i) => ({ username, password: `guess-${i}-wrong` }));
