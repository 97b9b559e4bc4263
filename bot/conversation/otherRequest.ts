import { catalogRow } from '../../intents/catalog';
import type { Recognition } from '../../nlu/recognizer';
import type { SkillIntent } from '../dialogs/skill';
import type { Decision } from '../routing/decide';
import type { ConversationData } from '../state/conversationData';

/**
 * What a message the waiting prompt could not use asks for: `aside` a request or question of
 * another domain (served on top of the waiting flow), `switch` a new task in the same domain, a
 * person, or goodbye (the waiting flow ends), or nothing (it is for the prompt).
 */
export function otherRequest(intents: ReadonlyMap<string, SkillIntent>, r: Recognition, d: Decision, data: ConversationData, clicked: boolean): 'aside' | 'switch' | undefined {
  if (d.kind === 'handoff') return d.reason === 'asked_for_agent' ? 'switch' : undefined;
  if (d.kind !== 'answer' || d.intent === 'none') return undefined;
  if (d.intent === 'agent.request') return 'switch';
  // Only a real goodbye ends a flow: a short answer such as "both" may be classified as one.
  if (d.intent === 'goodbye') return GOODBYE.test(r.text) ? 'switch' : undefined;
  if (catalogRow(d.intent)?.kind === 'smallTalk') return 'aside';
  if (!intents.has(d.intent) || d.intent === data.activeIntent) return undefined;
  if (!clicked && r.text.split(/\s+/).filter(Boolean).length < 2) return undefined;
  // "the hamster wheel" at "which one?": a thing named is an attempt at the answer, not a new request.
  if (!clicked && NAMED_THING.test(r.text) && !VERBISH.test(r.text)) return undefined;
  // A look-up ("what are my subscriptions?") never ends the flow it interrupts.
  if (intents.get(d.intent)?.readOnly) return 'aside';
  // "… too", "also …": one more request, served before the waiting one, which is not dropped.
  if (/\b(?:too|also|as well)\b/i.test(r.text)) return 'aside';
  return domainOf(d.intent) === domainOf(data.activeIntent) ? 'switch' : 'aside';
}

/** A bare noun phrase: "the hamster wheel", "that one", "my cat's food". */
const NAMED_THING = /^\s*(?:the|that|this|my|our)\s+[\w'’-]+(?:\s+[\w'’-]+){0,2}\s*[.!?]?\s*$/i;
const VERBISH = /\b(?:is|are|was|were|isn'?t|wasn'?t|did|didn'?t|does|doesn'?t|has|hasn'?t|have|came|arrived|broke|broken|missing|late|want|need|cancel|pause|skip|stop|change|redeem|check|track)\b/i;
const GOODBYE = /\b(?:bye|goodbye|good night|see (?:you|ya)|that'?s (?:all|it)|i'?m done|have a (?:good|nice))\b/i;

/** "subscription.pause" → "subscription": intents of one domain replace each other mid-flow. */
const domainOf = (intent: string | undefined): string => (intent ?? '').split('.')[0]!;
