import { catalogRow } from '../../intents/catalog';

/** A button title for an intent. */
export const intentTitle = (intent: string): string => catalogRow(intent)?.title ?? intent;
