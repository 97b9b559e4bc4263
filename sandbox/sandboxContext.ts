import type { Logger } from '../platform/logger';
import type { DocStore } from '../platform/store/docStore';
import type { Clock } from './clock';
import type { EndpointRegistry } from './http/endpoints';
import type { EventStream } from '../platform/store/eventStream';
import type { ShipmentEvent } from '../contracts/shipping';

/** What every sandbox domain module receives to register its endpoints. */
export interface SandboxContext {
  endpoints: EndpointRegistry;
  store: DocStore;
  clock: Clock;
  logger: Logger;
  /** Accepted carrier events, for the bot's proactive notifications. */
  shipmentEvents: EventStream<ShipmentEvent>;
  /** Keys the fingerprints of idempotent requests (bodies may hold card numbers and PINs). */
  idempotencySecret: string;
  /** Per-carrier webhook HMAC secrets. */
  carrierSecrets: Record<string, string>;
}
