// @ts-check
// The official Web Chat (loaded before us as `window.WebChat`) against our Direct Line
// compatible channel, with the stream socket watched for the connection status.
import { $ } from '../kit/dom.js';
import { clearSession, loadSession, saveSession } from './session.js';
import { notice, setStatus, show } from './view.js';
import { STYLE_OPTIONS } from './webChatStyle.js';

/** @typedef {import('./session.js').ChatSession} ChatSession */
/**
 * The parts of directlinejs' DirectLine we use.
 * @typedef {object} DirectLine
 * @property {string} [token]
 * @property {string} [conversationId]
 * @property {{ subscribe(next: (status: number) => void): { unsubscribe(): void } }} connectionStatus$
 * @property {() => void} end
 */
/**
 * The parts of the Web Chat bundle we use.
 * @typedef {object} WebChatBundle
 * @property {(options: { domain: string, token: string, webSocket: boolean, conversationId?: string }) => DirectLine} createDirectLine
 * @property {(props: object, element: HTMLElement) => void} renderWebChat
 */

const DOMAIN = `${location.origin}/v3/directline`;
const SAVE_EVERY_MS = 15000;
/** directlinejs' connection states. */
const CONNECTING = 1;
const ONLINE = 2;
const FAILED = 4;

/** The page's CSP nonce, for Web Chat's styles. */
let styleNonce = '';

/** @type {{ directLine: DirectLine | null, subscription: { unsubscribe(): void } | null, socket: WebSocket | null, saveTimer: number }} */
const current = { directLine: null, subscription: null, socket: null, saveTimer: 0 };

/**
 * directlinejs keeps reporting "online" while it re-opens a dropped stream, so the page watches
 * the stream socket itself (observing only: the socket is the browser's own).
 */
export function watchStreamSockets() {
  const NativeWebSocket = window.WebSocket;
  /** @param {string | URL} url @param {string | string[]} [protocols] */
  function ObservedWebSocket(url, protocols) {
    const ws = protocols === undefined ? new NativeWebSocket(url) : new NativeWebSocket(url, protocols);
    if (String(url).includes('/v3/directline/')) {
      current.socket = ws;
      setStatus('connecting');
      ws.addEventListener('open', () => {
        if (current.socket === ws) setStatus('online');
      });
      ws.addEventListener('close', () => {
        if (current.socket === ws && current.directLine) setStatus('reconnecting');
      });
    }
    return ws;
  }
  ObservedWebSocket.prototype = NativeWebSocket.prototype;
  Object.assign(ObservedWebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
  window.WebSocket = /** @type {typeof WebSocket} */ (/** @type {unknown} */ (ObservedWebSocket));
  window.addEventListener('online', () => setStatus(current.socket && current.socket.readyState === WebSocket.OPEN ? 'online' : 'reconnecting'));
  window.addEventListener('offline', () => setStatus('offline'));
}

/**
 * Web Chat's CSS-in-JS takes the nonce, but one of its parts (react-scroll-to-bottom) does not
 * pass it on; without its styles the transcript cannot scroll. Style elements created by
 * scripts get the nonce; markup-injected styles still do not, so the CSP stays strict.
 * @param {string} nonce
 */
export function useNonce(nonce) {
  styleNonce = nonce;
  const nativeCreateElement = document.createElement;
  document.createElement = /** @type {typeof document.createElement} */ (
    /** @param {string} tagName @param {ElementCreationOptions} [options] */
    function (tagName, options) {
      const e = nativeCreateElement.call(document, tagName, options);
      if (nonce && String(tagName).toLowerCase() === 'style' && !e.nonce) e.setAttribute('nonce', nonce);
      return e;
    }
  );
}

export function stopChat() {
  current.subscription?.unsubscribe();
  try {
    current.directLine?.end();
  } catch {
    // already ended
  }
  window.clearInterval(current.saveTimer);
  current.directLine = null;
  current.subscription = null;
  current.socket = null;
}

/** The token the open chat has now (Direct Line refreshes it), kept for a reload. */
export function keepToken() {
  const token = current.directLine?.token;
  const s = token ? loadSession() : null;
  if (s && token) saveSession({ ...s, token, resume: true });
}

/** @param {ChatSession} session */
export function startChat(session) {
  const WebChat = /** @type {{ WebChat?: WebChatBundle }} */ (/** @type {unknown} */ (window)).WebChat;
  if (!WebChat) {
    notice('Chat could not load', 'The chat component did not load. Check your connection and reload the page.');
    return;
  }
  stopChat();
  show('chat');
  $('who').textContent = session.label ? `Chatting as ${session.label}` : 'Chatting anonymously';
  setStatus('connecting');

  // A fresh token starts its conversation (POST /conversations); after a reload we reconnect to
  // it by id, and the server replays the whole history to the empty transcript.
  const directLine = WebChat.createDirectLine({ domain: DOMAIN, token: session.token, webSocket: true, ...(session.resume ? { conversationId: session.conversationId } : {}) });
  current.directLine = directLine;

  const persist = () => {
    if (current.directLine !== directLine || !directLine.token) return;
    saveSession({ token: directLine.token, conversationId: directLine.conversationId || session.conversationId, label: session.label, resume: true });
  };
  current.saveTimer = window.setInterval(persist, SAVE_EVERY_MS);
  current.subscription = directLine.connectionStatus$.subscribe((s) => {
    // 1 connecting, 2 online, 3 expired token, 4 failed to connect, 5 ended
    if (s === CONNECTING) setStatus('connecting');
    else if (s === ONLINE) {
      persist();
      if (!current.socket || current.socket.readyState === WebSocket.OPEN) setStatus('online');
    } else if (s >= 3 && s <= 5) {
      setStatus('ended');
      clearSession();
      notice(
        s === FAILED ? 'We could not reach the chat' : 'This chat has ended',
        s === FAILED ? 'The chat service did not answer. Please try again in a moment.' : 'Chats end after a while without activity. You can start a new one.',
        'Start a new chat',
      );
    }
  });

  const container = $('webchat');
  // A human agent who takes over the chat sees "customer is typing…" (the bot ignores it).
  WebChat.renderWebChat({ directLine, locale: 'en-US', nonce: styleNonce, sendTypingIndicator: true, styleOptions: STYLE_OPTIONS }, container);
  const input = container.querySelector('input[type="text"], textarea');
  if (input instanceof HTMLElement) input.focus();
}
