import type { SandboxContext } from '../sandboxContext';

/** Registers the shipping endpoints. (stub: being implemented) */
export function registerShippingRoutes(_ctx: SandboxContext): void {}
