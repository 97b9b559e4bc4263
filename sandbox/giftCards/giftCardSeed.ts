import type { DocStore } from '../../platform/store/docStore';
import type { Clock } from '../clock';

/** Seeds the giftCards demo data, relative to the clock's today. (stub: being implemented) */
export async function seedGiftCards(_store: DocStore, _clock: Clock): Promise<void> {}
