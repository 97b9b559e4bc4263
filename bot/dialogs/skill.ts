import type { Dialog } from 'botbuilder-dialogs';
import type { Recognition } from '../../nlu/recognizer';

/** How a skill serves one intent. */
export interface SkillIntent {
  intent: string;
  dialogId: string;
  /** Needs a signed-in customer (account data). */
  needsCustomer: boolean;
  /** Serves a visitor who is not signed in instead of `dialogId` (with other proof, e.g. an order number + ZIP). */
  anonymousDialogId?: string;
  /** Button title when the bot offers this intent (default: the bot's own titles). */
  title?: string;
  /** Only looks something up and answers in one message (served first when a message asks for two things). */
  readOnly?: boolean;
}

/** A domain's dialogs and the intents they serve. Built by `skills/<domain>/…Skill.ts`. */
export interface Skill {
  name: string;
  intents: SkillIntent[];
  dialogs: Dialog[];
}

/** What a skill dialog is started with. */
export interface SkillDialogOptions {
  recognition: Recognition;
  /**
   * Served as a side request on top of a flow that waits for an answer: answer in one message
   * where possible, so the customer is brought back to the waiting question (a "shall I get a
   * person?" here would take the yes meant for the flow).
   */
  aside?: boolean;
}
