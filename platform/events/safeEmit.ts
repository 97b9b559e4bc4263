import type { EventEmitter } from 'node:events';
import type { Logger } from '../logger';

/**
 * `emit` on `events` for a component whose observers (metrics, KPIs, the review inbox) must never
 * break it: a listener that throws is logged as a warning (`a <what> event listener failed`).
 */
export function safeEmitter<M extends Record<keyof M, unknown[]>>(events: EventEmitter<M>, logger: Logger, what: string) {
  return <K extends keyof M>(name: K, ...args: M[K]): void => {
    try {
      (events.emit as unknown as (n: K, ...a: M[K]) => boolean).call(events, name, ...args);
    } catch (err) {
      logger.warn({ err, event: name }, `a ${what} event listener failed`);
    }
  };
}
