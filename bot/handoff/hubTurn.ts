import type { TurnContext } from 'botbuilder';

const HUB_TURN = Symbol('paw.hubTurn');

/**
 * Marks a turn the handoff hub itself runs (a `handoff.status` event it created in process).
 * Turn state cannot come from a client, so a customer-posted event never passes
 * {@link isHubTurn}, whatever its name and value.
 */
export function markHubTurn(context: TurnContext): void {
  context.turnState.set(HUB_TURN, true);
}

/** Did the hub run this turn? Only such turns may change the bot's handoff state. */
export function isHubTurn(context: TurnContext): boolean {
  return context.turnState.get(HUB_TURN) === true;
}

const NOT_WITH_HUMANS = Symbol('paw.notWithHumans');

/**
 * Marks a customer message the hub let through to the bot because no person holds the
 * conversation (the hub's store says so). The bot's cached handoff state follows it.
 */
export function markNotWithHumans(context: TurnContext): void {
  context.turnState.set(NOT_WITH_HUMANS, true);
}

/** Did the hub say no person holds this conversation? */
export function hubSaysNotWithHumans(context: TurnContext): boolean {
  return context.turnState.get(NOT_WITH_HUMANS) === true;
}
