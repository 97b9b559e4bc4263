/**
 * Key under a bot message's `channelData` saying "this asks for a secret (a gift card number or
 * PIN)". The bot sets it on what it sends while a dialog waits for a secret; a channel that
 * keeps history keeps the customer's next message with every digit hidden. It is a hint any
 * channel may honour: dialogs never know which channel they talk to.
 */
export const SECRET_PROMPT_KEY = 'pawSecretPrompt';

/** Does this (bot) activity ask for a secret? */
export function isSecretPrompt(activity: { channelData?: unknown }): boolean {
  const cd = activity.channelData;
  return !!cd && typeof cd === 'object' && (cd as Record<string, unknown>)[SECRET_PROMPT_KEY] === true;
}
