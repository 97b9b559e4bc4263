/**
 * The modules that log (what `ops.log(module)` is called with in `bin/`): the names an admin can
 * set a level for. `skills.<api>` is the debug line of each internal API client (see
 * `Ops.onCall`); `skills` covers all of them.
 */
export const LOG_MODULES = [
  'bot',
  'channel',
  'handoff',
  'nlu',
  'ops',
  'proactive',
  'sandbox',
  'skills',
  'skills.customers',
  'skills.giftCards',
  'skills.rewards',
  'skills.shipping',
  'skills.subscriptions',
  'trainer',
] as const;
