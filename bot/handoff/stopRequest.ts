/** "cancel", "stop", "never mind"… alone: a customer waiting for a person leaves the queue. */
const STOP = /^\s*(cancel|stop|never\s*mind|nevermind|forget it|quit|abort|exit|no thanks?,? (?:stop|cancel))\s*[.!]*\s*$/i;

/**
 * Whether a message of a customer in the handoff queue (or leaving a message) asks to stop
 * waiting. The hub decides with it; the bot then answers the same message.
 */
export function isStopRequest(text: string): boolean {
  return STOP.test(text);
}
