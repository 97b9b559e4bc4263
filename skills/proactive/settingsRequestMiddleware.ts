import { ActivityTypes, type Middleware } from 'botbuilder';
import { isSettingsRequest } from '../notifications/readSettingsChange';
import { NOTIFICATION_SETTINGS_DIALOG } from '../notifications/dialogs/notificationSettingsDialog';
import { chosenIntent, INTENT_VALUE_KEY } from '../../bot/turn/suggestions';

/**
 * Sends "stop sending me delivery updates", "quiet hours 10pm to 7am", "notification settings"
 * straight to the settings skill, as a button would: they are commands with fixed words, and a
 * corpus intent for them lowered the held-out accuracy of every other intent (calibration).
 */
export const settingsRequestMiddleware: Middleware = {
  onTurn: async (context, next) => {
    const a = context.activity;
    if (a.type === ActivityTypes.Message && typeof a.text === 'string' && chosenIntent(a.value) === undefined && isSettingsRequest(a.text)) {
      a.value = { ...(a.value && typeof a.value === 'object' ? a.value : {}), [INTENT_VALUE_KEY]: NOTIFICATION_SETTINGS_DIALOG };
    }
    await next();
  },
};
