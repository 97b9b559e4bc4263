// @ts-check
// The chat's token and conversation survive a reload (same tab, within the token's life).

const STORE_KEY = 'pawsupport.chat.v1';

/**
 * @typedef {object} ChatSession
 * @property {string} token
 * @property {string} conversationId
 * @property {string} label who is chatting ("" anonymously)
 * @property {boolean} resume reconnect to the conversation (after a reload) instead of starting it
 */

/** @returns {ChatSession | null} */
export function loadSession() {
  try {
    const s = JSON.parse(sessionStorage.getItem(STORE_KEY) || 'null');
    if (s && typeof s.token === 'string' && typeof s.conversationId === 'string') return s;
  } catch {
    // unreadable: start over
  }
  return null;
}

/** @param {ChatSession} s */
export function saveSession(s) {
  try {
    sessionStorage.setItem(STORE_KEY, JSON.stringify(s));
  } catch {
    // private mode: no resume
  }
}

export function clearSession() {
  try {
    sessionStorage.removeItem(STORE_KEY);
  } catch {
    // nothing kept
  }
}
