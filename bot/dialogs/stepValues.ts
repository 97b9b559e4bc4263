import type { WaterfallStepContext } from 'botbuilder-dialogs';

/** A waterfall's scratch values (typed `object` by botbuilder), keyed by name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const vals = (step: WaterfallStepContext): Record<string, any> => step.values as Record<string, any>;
