import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { customerOf, say, type SkillDialogOptions } from '../../../bot/skillKit';
import type { NotificationSettings, NotificationSettingsPatch } from '../../../skills/proactive/notificationPreferences';
import { notificationsReplies } from '../notificationsReplies';
import { readSettingsChange } from '../readSettingsChange';

export const NOTIFICATION_SETTINGS_DIALOG = 'notifications.settings';

/** Where the customer's settings live (the proactive messages' preferences). */
export interface SettingsStore {
  get(customerId: string): Promise<NotificationSettings>;
  update(customerId: string, patch: NotificationSettingsPatch): Promise<NotificationSettings>;
}

/**
 * "stop sending me delivery updates", "quiet hours 10pm to 7am": changes the setting at once
 * (nothing is bought or lost, so no confirmation) and says what is in force; a message that
 * asks for no change shows the settings.
 */
export class NotificationSettingsDialog extends ComponentDialog {
  constructor(store: SettingsStore) {
    super(NOTIFICATION_SETTINGS_DIALOG);
    this.initialDialogId = `${this.id}.steps`;
    this.addDialog(
      new WaterfallDialog(`${this.id}.steps`, [
        async (step: WaterfallStepContext) => {
          const { recognition } = step.options as SkillDialogOptions;
          const customerId = customerOf(step.context).customerId!;
          const change = readSettingsChange(recognition.text);
          await say(step.context, change ? notificationsReplies.changed(await store.update(customerId, change)) : notificationsReplies.settings(await store.get(customerId)));
          return step.endDialog();
        },
      ]),
    );
  }
}
