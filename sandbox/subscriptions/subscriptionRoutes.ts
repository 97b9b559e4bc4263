import type { SandboxContext } from '../sandboxContext';

/** Registers the subscriptions endpoints. (stub: being implemented) */
export function registerSubscriptionRoutes(_ctx: SandboxContext): void {}
