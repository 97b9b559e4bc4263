import { MemoryNoticeBus } from '../../platform/store/memoryNoticeBus';
import type { HubNotice } from './handoffBus';

/** The handoff bus within one process (`STORE=memory`). */
export class MemoryHandoffBus extends MemoryNoticeBus<HubNotice> {}
