import type { SandboxContext } from '../sandboxContext';

/** Registers the rewards endpoints. (stub: being implemented) */
export function registerRewardsRoutes(_ctx: SandboxContext): void {}
