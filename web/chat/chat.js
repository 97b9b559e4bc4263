// @ts-check
// PawSupport chat page: picks a demo customer (demo mode), gets a chat token from our server,
// and runs the official Web Chat against our Direct Line compatible channel.
// Everything shown is set with textContent: nothing from the server or the user becomes HTML.
import { $, pageData } from '../kit/dom.js';
import { begin, showPicker } from './picker.js';
import { clearSession, loadSession } from './session.js';
import { keepToken, startChat, stopChat, useNonce, watchStreamSockets } from './webChat.js';

const { demo } = /** @type {import('./chatViews').ChatPageData} */ (pageData());
// Module scripts have no document.currentScript: our script element is found by its address.
const script = /** @type {HTMLScriptElement | null} */ (document.querySelector('script[src="/chat/assets/chat.js"]'));

useNonce(script?.nonce ?? '');
watchStreamSockets();

$('anonymous').addEventListener('click', () => void begin(null, ''));
// A new chat is a fresh page: Web Chat is rendered once per page, with one connection.
const restart = () => {
  stopChat();
  clearSession();
  location.reload();
};
$('new-chat').addEventListener('click', restart);
$('notice-action').addEventListener('click', restart);
window.addEventListener('pagehide', keepToken);

const saved = loadSession();
if (saved) startChat({ ...saved, resume: true });
else void showPicker(demo);
