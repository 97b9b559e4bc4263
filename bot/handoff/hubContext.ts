import type { Logger } from '../../platform/logger';
import { safeEmitter } from '../../platform/events/safeEmit';
import type { HandoffBus, HubNotice } from './handoffBus';
import type { HandoffEventMap, HandoffEvents } from './handoffEvents';
import type { HandoffStore } from './handoffStore';

/** What every part of the hub shares: the store (the owner of handoff state), clock, events, notices. */
export interface HubContext {
  store: HandoffStore;
  logger: Logger;
  now: () => Date;
  /** Tells observers; a listener that throws never breaks the hub. */
  emit<K extends keyof HandoffEventMap>(name: K, ...args: HandoffEventMap[K]): void;
  /** Publishes a notice to the consoles of every instance; a failure is logged, not thrown. */
  notify(notice: HubNotice): Promise<void>;
}

export function hubContext(o: { store: HandoffStore; bus: HandoffBus; logger: Logger; events: HandoffEvents; now?: () => Date }): HubContext {
  return {
    store: o.store,
    logger: o.logger,
    now: o.now ?? (() => new Date()),
    emit: safeEmitter(o.events, o.logger, 'handoff'),
    notify: async (notice) => {
      try {
        await o.bus.publish(notice);
      } catch (err) {
        o.logger.warn({ err, kind: notice.kind }, 'could not publish a handoff notice');
      }
    },
  };
}
