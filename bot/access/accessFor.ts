import type { SkillIntent } from '../dialogs/skill';

/** What a visitor gets for an intent: the dialog that serves them, or a sign-in link. */
export type Access = { kind: 'dialog'; dialogId: string } | { kind: 'signIn' };

/**
 * The one rule for who may use what: a signed-in customer gets every skill; a visitor who is
 * not signed in gets the skills that need no account (knowledge, a gift card balance: number
 * and PIN are the proof) and the anonymous variant where a skill has one (an order tracked by
 * number + ZIP or e-mail), and a sign-in link for everything on an account.
 */
export function accessFor(intent: SkillIntent, signedIn: boolean): Access {
  if (signedIn || !intent.needsCustomer) return { kind: 'dialog', dialogId: intent.dialogId };
  return intent.anonymousDialogId ? { kind: 'dialog', dialogId: intent.anonymousDialogId } : { kind: 'signIn' };
}
