import type { NotificationSettings } from '../../skills/proactive/notificationPreferences';

const onOff = (on: boolean) => (on ? 'on' : 'off');

/** What the notifications skill says. */
export const notificationsReplies = {
  settings: (s: NotificationSettings) =>
    `Delivery updates are ${onOff(s.shippingUpdates)} and renewal reminders are ${onOff(s.renewalReminders)}` +
    (s.quietHours ? `; I stay quiet from ${s.quietHours.from} to ${s.quietHours.to} (${s.quietHours.timeZone}).` : '; no quiet hours are set.') +
    ' Say for example "stop sending me delivery updates", "turn reminders back on" or "quiet hours 22:00 to 07:00".',
  changed: (s: NotificationSettings) => `Done. ${notificationsReplies.settings(s)}`,
  kept: 'Great, it stays as planned. If you want to change it later, just tell me.',
};
