import type { Dialog } from 'botbuilder-dialogs';
import type { Recognition } from '../nlu/recognizer';

/** How a skill serves one intent. */
export interface SkillIntent {
  intent: string;
  dialogId: string;
  /** Needs a signed-in customer (account data). */
  needsCustomer: boolean;
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
}
