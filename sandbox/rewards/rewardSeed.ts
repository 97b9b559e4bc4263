import type { DocStore } from '../../platform/store/docStore';
import type { Clock } from '../clock';

/** Seeds the rewards demo data, relative to the clock's today. (stub: being implemented) */
export async function seedRewards(_store: DocStore, _clock: Clock): Promise<void> {}
