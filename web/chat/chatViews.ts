/*
 * What the chat page reads of our server, for its scripts (through JSDoc in `web/tsconfig.json`).
 * The chat API lives with the channel (`bot/channels/chatApiRouter.ts`, a Node module), so these
 * are the parts the page reads of it.
 */

/** `GET /api/demo/customers` (demo mode). */
export interface DemoCustomers {
  customers: { id: string; name?: string }[];
}

/** `POST /api/demo/token`: a Direct Line token for a new conversation. */
export interface ChatToken {
  token: string;
  conversationId: string;
}

/** What the chat page carries (`#page-data`). */
export interface ChatPageData {
  /** Show the demo customer picker (`/api/demo/*` is mounted). */
  demo: boolean;
}
