import type { SandboxContext } from '../sandboxContext';

/** Registers the giftCards endpoints. (stub: being implemented) */
export function registerGiftCardRoutes(_ctx: SandboxContext): void {}
