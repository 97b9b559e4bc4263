import type { DocStore } from '../../platform/store/docStore';
import type { Clock } from '../clock';

/** Seeds the shipping demo data, relative to the clock's today. (stub: being implemented) */
export async function seedShipping(_store: DocStore, _clock: Clock): Promise<void> {}
