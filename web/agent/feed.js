// @ts-check
// The console's live feed (WebSocket `/agent/ws`): queue, lines, typing, chats and tickets as
// they change, with a reconnect that backs off and reloads what it missed.
import { $ } from '../kit/dom.js';
import { refreshChats } from './chats.js';
import { onLine, onTyping } from './conversation.js';
import { setQueue } from './queue.js';
import { refreshTickets } from './tickets.js';

/** @typedef {import('./consoleViews').ConsoleFeedMessage} ConsoleFeedMessage */

/** The server closes with this when the session is gone. */
const SIGNED_OUT = 4401;

/** @type {WebSocket | null} */
let socket = null;
let retry = 0;

/** @param {ConsoleFeedMessage} msg */
function onFeed(msg) {
  switch (msg.type) {
    case 'queue':
      return setQueue(msg.queue, msg.online);
    case 'line':
      return onLine(msg.conversationId, msg.line);
    case 'typing':
      return onTyping(msg.conversationId);
    case 'chats':
      return void refreshChats();
    case 'tickets':
      return void refreshTickets();
  }
}

/**
 * Opens the feed. When it drops it waits (1 s, 2 s, 4 s… up to 10 s), reloads the console's
 * state (`reload`), then reconnects; `signedOut` runs when the server says the session ended.
 * @param {{ reload: () => Promise<void>, signedOut: () => void }} o
 */
export function connectFeed(o) {
  closeFeed();
  const feed = $('feed');
  const text = $('feed-text');
  feed.setAttribute('data-state', 'connecting');
  text.textContent = 'Connecting…';
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss://' : 'ws://'}${location.host}/agent/ws`);
  socket = ws;
  ws.onopen = () => {
    retry = 0;
    feed.setAttribute('data-state', 'live');
    text.textContent = 'Live';
  };
  ws.onmessage = (m) => {
    /** @type {ConsoleFeedMessage} */
    let msg;
    try {
      msg = JSON.parse(String(m.data));
    } catch {
      return;
    }
    onFeed(msg);
  };
  ws.onclose = (ev) => {
    if (socket !== ws) return;
    socket = null;
    feed.setAttribute('data-state', 'down');
    text.textContent = 'Reconnecting…';
    if (ev.code === SIGNED_OUT) return o.signedOut();
    const delay = Math.min(10_000, 1000 * 2 ** retry++);
    window.setTimeout(() => {
      if (socket || $('console').hidden) return;
      o.reload().then(
        () => connectFeed(o),
        () => window.setTimeout(() => connectFeed(o), delay),
      );
    }, delay);
  };
}

export function closeFeed() {
  const ws = socket;
  socket = null;
  try {
    ws?.close();
  } catch {
    // already closed
  }
}
