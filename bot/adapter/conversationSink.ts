import type { ChatAccount } from '../channels/activityLog';

/**
 * Where the bot's outbound Bot Framework calls land when the channel is hosted in-process:
 * the channel implements it over its activity log. Errors are `AppError`s; their status
 * becomes the HTTP status botbuilder's connector sees.
 */
export interface ConversationSink {
  /**
   * Adds a bot activity (`POST /v3/conversations/{id}/activities[/{replyToId}]`), or a new
   * version of an earlier one (`PUT …/activities/{replacesId}`).
   * @returns the id the activity got.
   */
  send(conversationId: string, activity: Record<string, unknown>, options?: { replacesId?: string }): Promise<{ id: string }>;
  /** The conversation's members (`GET /v3/conversations/{id}/members`). */
  members(conversationId: string): Promise<ChatAccount[]>;
}
