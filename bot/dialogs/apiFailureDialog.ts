import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import { initiateHandoff } from '../handoff/initiateHandoff';
import { say } from '../turn/say';
import { confirmPrompt, PROMPTS } from './prompts';

export const API_FAILURE_DIALOG = 'paw.apiFailure';

/** What the failing dialog was doing, for the apology and the agent's summary. */
export interface ApiFailureOptions {
  /** e.g. "look up your orders", "pause your subscription". */
  action: string;
  /** A write whose outcome is unknown (timeout) must never be reported as done or as not done. */
  outcomeUnknown: boolean;
}

/**
 * An internal API failed (timeout, 5xx): never claim success; apologise, say whether anything
 * changed, and offer a person. Yes → hand off with reason `api_failure`.
 */
export class ApiFailureDialog extends ComponentDialog {
  constructor() {
    super(API_FAILURE_DIALOG);
    this.initialDialogId = `${this.id}.steps`;
    this.addDialog(confirmPrompt());
    this.addDialog(
      new WaterfallDialog(`${API_FAILURE_DIALOG}.steps`, [
        async (step: WaterfallStepContext) => {
          const o = step.options as ApiFailureOptions;
          const state = o.outcomeUnknown
            ? "I couldn't confirm whether it went through, so please don't try again just yet."
            : 'Nothing has been changed.';
          return step.prompt(PROMPTS.confirm, {
            prompt: `Sorry, I couldn't ${o.action} right now: our system isn't answering. ${state} Would you like me to connect you with a person?`,
          });
        },
        async (step: WaterfallStepContext) => {
          const o = step.options as ApiFailureOptions;
          if (step.result === true) {
            await initiateHandoff(step.context, 'api_failure', `Bot could not ${o.action}: internal API unavailable${o.outcomeUnknown ? ' (outcome unknown)' : ''}`);
          } else {
            await say(step.context, 'Okay. You can try again in a few minutes, or ask me for a person at any time.');
          }
          return step.endDialog();
        },
      ]),
    );
  }
}
