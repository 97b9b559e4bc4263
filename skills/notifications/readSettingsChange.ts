import type { NotificationSettingsPatch } from '../../skills/proactive/notificationPreferences';

const OFF = /\b(?:stop|no more|don'?t|do not|never|turn(?:ing)? off|switch off|disable|unsubscribe|opt(?:ing)? out|mute|quit|enough)\b/i;
const ON = /\b(?:back on|start|turn(?:ing)? on|switch on|enable|resume|send me|i want|i'?d like|keep sending|again)\b/i;
const SHIPPING = /\b(?:deliver(?:y|ies)|shipping|shipment|tracking|packages?|parcels?|orders?|carrier)\b/i;
const REMINDERS = /\b(?:remind(?:er|ers)?|renewals?|autoship|subscriptions?)\b/i;
const QUIET = /\bquiet hours?\b[^\d]*(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\s*(?:to|-|–|until|and)\s*(\d{1,2})(?::(\d{2}))?\s*(am|pm)?/i;
const NO_QUIET = /\b(?:no|remove|clear|delete|turn off|cancel)\b[^.]*\bquiet hours?\b/i;

const hhmm = (h: string, m: string | undefined, ampm: string | undefined): string | undefined => {
  let hour = Number(h);
  if (ampm) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (ampm.toLowerCase() === 'pm' ? 12 : 0);
  }
  const minute = Number(m ?? 0);
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
};

/**
 * The settings change a message asks for: "stop sending me delivery updates" → shipping updates
 * off; "remind me again" → reminders on; "quiet hours 10pm to 7am"; "no more messages" → both
 * off. Undefined when it asks for no change (then the current settings are shown).
 */
export function readSettingsChange(text: string): NotificationSettingsPatch | undefined {
  if (NO_QUIET.test(text)) return { quietHours: null };
  const q = QUIET.exec(text);
  if (q) {
    const from = hhmm(q[1]!, q[2], q[3]);
    const to = hhmm(q[4]!, q[5], q[6]);
    return from && to ? { quietHours: { from, to, timeZone: 'UTC' } } : undefined;
  }
  const off = OFF.test(text);
  const on = !off && ON.test(text);
  if (!off && !on) return undefined;
  const shipping = SHIPPING.test(text);
  const reminders = REMINDERS.test(text);
  const both = shipping === reminders;
  return { ...(shipping || both ? { shippingUpdates: on } : {}), ...(reminders || both ? { renewalReminders: on } : {}) };
}

const TOPIC = /\b(?:(?:delivery|shipping|tracking|order|package)\s+(?:updates?|notifications?|alerts?|messages?)|reminders?|notifications?|quiet hours?)\b/i;
const SHOW = /\b(?:my\s+)?notification\s+(?:settings|preferences)\b/i;

/** Does a message ask about or change the notification settings ("stop sending me delivery updates", "notification settings")? */
export const isSettingsRequest = (text: string): boolean => SHOW.test(text) || (TOPIC.test(text) && readSettingsChange(text) !== undefined);
