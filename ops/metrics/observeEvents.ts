import type { BotEvents } from '../../bot/botEvents';
import type { HandoffEvents } from '../../bot/handoff/handoffEvents';
import type { OpsMetrics } from './opsMetrics';

/** Feeds the bot's events into the metrics. @returns a function that stops it. */
export function observeBotMetrics(metrics: OpsMetrics, events: BotEvents): () => void {
  const turn = (e: { channelId: string; activityType: string; ms: number }) => metrics.turnSeconds.observe({ channel: e.channelId || 'unknown', activity_type: e.activityType || 'unknown' }, e.ms / 1000);
  const routed = (e: { recognition: { intent: string; score: number }; decision: { kind: string; intent?: string } }) => {
    metrics.intents.inc({ intent: e.recognition.intent });
    metrics.intentScore.observe({ intent: e.recognition.intent }, e.recognition.score);
    metrics.decisions.inc({ decision: e.decision.kind, intent: e.decision.intent ?? e.recognition.intent });
  };
  const handoff = (e: { packet: { reason: string } }) => metrics.handoffs.inc({ reason: e.packet.reason });
  const csat = (e: { stage: string; rating?: number; trigger: string }) => {
    if (e.stage === 'rated' && e.rating !== undefined) metrics.csatRatings.inc({ rating: String(e.rating), trigger: e.trigger });
  };
  events.on('turn', turn);
  events.on('routed', routed);
  events.on('handoff', handoff);
  events.on('csat', csat);
  return () => {
    events.off('turn', turn);
    events.off('routed', routed);
    events.off('handoff', handoff);
    events.off('csat', csat);
  };
}

/** Feeds the handoff hub's events into the metrics. @returns a function that stops it. */
export function observeHandoffMetrics(metrics: OpsMetrics, events: HandoffEvents): () => void {
  const queueLength = (e: { length: number }) => metrics.queueLength.set(e.length);
  const accepted = (e: { waitMs: number }) => metrics.queueWaitSeconds.observe(e.waitMs / 1000);
  const completed = (e: { handleMs: number }) => metrics.agentHandleSeconds.observe(e.handleMs / 1000);
  events.on('queueLength', queueLength);
  events.on('accepted', accepted);
  events.on('completed', completed);
  return () => {
    events.off('queueLength', queueLength);
    events.off('accepted', accepted);
    events.off('completed', completed);
  };
}
