// @ts-check
// PawSupport agent console: sign-in, then the queue, the agent's chats, the open conversation
// with its handoff packet, tickets and ratings, kept live by the feed. Each panel is a module;
// this one signs in, loads the state and wires the header.
import { api } from '../kit/api.js';
import { $, fillSelect } from '../kit/dom.js';
import { staffSignIn } from '../kit/signIn.js';
import { fail, toast } from '../kit/toast.js';
import { renderChats } from './chats.js';
import { wireCompose } from './compose.js';
import { closeChat, openChat } from './conversation.js';
import { closeFeed, connectFeed } from './feed.js';
import { renderQueue, setQueue, startWaitClock } from './queue.js';
import { followRatings } from './ratings.js';
import { labels, state } from './state.js';
import { renderTickets } from './tickets.js';

/** @typedef {import('./consoleViews').ConsoleState} ConsoleState */

const presence = $('presence', HTMLSelectElement);

async function loadState() {
  const s = /** @type {ConsoleState} */ (await api('GET', '/agent/api/state'));
  state.me = s.me;
  state.canned = s.canned;
  presence.value = s.me.status;
  fillSelect($('outcome', HTMLSelectElement), s.outcomes.map((o) => [o, labels.outcomes[o] ?? o]));
  fillSelect($('intent', HTMLSelectElement), s.intents.map((i) => [i, i]), true);
  fillSelect($('canned', HTMLSelectElement), s.canned.map((c, i) => [String(i), c.title]), true);
  setQueue(s.queue, s.online);
  state.chats = s.chats;
  renderChats();
  state.tickets = s.tickets;
  renderTickets();
  if (state.selected && !s.chats.some((c) => c.conversationId === state.selected)) closeChat();
  else if (state.selected) await openChat(state.selected);
}

const feedOptions = { reload: loadState, signedOut: () => signIn.show() };

const signIn = staffSignIn({
  roles: ['agent'],
  wrongRole: () => 'This account is not an agent account.',
  signedIn: async () => {
    $('console').hidden = false;
    followRatings();
    try {
      await loadState();
      connectFeed(feedOptions);
    } catch (e) {
      fail(e);
    }
  },
  signedOut: () => {
    closeFeed();
    $('console').hidden = true;
  },
  beforeSignOut: () => api('POST', '/agent/api/presence', { status: 'away' }),
  afterSignOut: () => location.reload(),
});

presence.addEventListener('change', async () => {
  const status = presence.value;
  try {
    await api('POST', '/agent/api/presence', { status });
    renderQueue();
    toast(status === 'online' ? 'You are online: you can take conversations.' : 'You are away: you will not get new conversations.');
  } catch (e) {
    fail(e);
  }
});

wireCompose();
startWaitClock();
void signIn.start();
