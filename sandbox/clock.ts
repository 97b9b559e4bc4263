/** Time source of the sandbox; tests pin it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export { addDays, daysBetween, isoDay } from '../platform/dates';
