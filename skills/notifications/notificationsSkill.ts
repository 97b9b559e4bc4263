import type { Skill } from '../../bot/skillKit';
import { KeepDeliveryDialog, KEEP_DELIVERY_DIALOG } from './dialogs/keepDeliveryDialog';
import { NOTIFICATION_SETTINGS_DIALOG, NotificationSettingsDialog, type SettingsStore } from './dialogs/notificationSettingsDialog';

/** What the shop sends on its own: the customer's settings ("stop sending me delivery updates") and [Keep it] under a reminder. */
export function notificationsSkill(store: SettingsStore): Skill {
  return {
    name: 'notifications',
    intents: [
      { intent: NOTIFICATION_SETTINGS_DIALOG, dialogId: NOTIFICATION_SETTINGS_DIALOG, needsCustomer: true, title: 'My notification settings' },
      { intent: KEEP_DELIVERY_DIALOG, dialogId: KEEP_DELIVERY_DIALOG, needsCustomer: true, readOnly: true, title: 'Keep it' },
    ],
    dialogs: [new NotificationSettingsDialog(store), new KeepDeliveryDialog()],
  };
}
