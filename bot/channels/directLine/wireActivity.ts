import { seqOfActivityId, type ChatActivity, type LogEntry } from '../activityLog';

/**
 * An entry as Direct Line clients receive it. `channelData['webchat:sequence-id']` is the
 * log's order (Web Chat sorts by it), and a new version of an activity keeps its place.
 */
export function wireActivity(entry: LogEntry): ChatActivity {
  const a = entry.activity;
  const seq = seqOfActivityId(a.conversation.id, a.id) ?? entry.seq;
  return { ...a, channelData: { ...a.channelData, 'webchat:sequence-id': seq } };
}
