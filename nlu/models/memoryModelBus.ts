import { MemoryNoticeBus } from '../../platform/store/memoryNoticeBus';
import type { ModelNotice } from './modelBus';

/** The model bus within one process (`STORE=memory`). */
export class MemoryModelBus extends MemoryNoticeBus<ModelNotice> {}
