import type { NoticeBus } from '../../platform/store/noticeBus';

/** "The active model changed": every instance reloads it from the registry. */
export interface ModelNotice {
  kind: 'activated';
  version: string;
  by: string;
  at: string;
}

/**
 * Fan-out of {@link ModelNotice}s to every instance (and from `npm run train -- --publish`):
 * {@link ./memoryModelBus} and {@link ./redisModelBus}, both passing
 * `test/contracts/modelBus.contract.ts`. The registry holds the truth: a lost notice is caught
 * up by each instance's periodic check of the active version.
 */
export type ModelBus = NoticeBus<ModelNotice>;
