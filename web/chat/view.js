// @ts-check
// The chat page's sections (picker, notice, chat) and its connection status.
import { $ } from '../kit/dom.js';

const STATUS_TEXT = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  online: 'Online',
  reconnecting: 'Reconnecting…',
  offline: 'You are offline',
  ended: 'Chat ended',
};

/** @typedef {keyof typeof STATUS_TEXT} Status */

/** @param {Status} state */
export function setStatus(state) {
  const shown = !navigator.onLine && state !== 'ended' ? 'offline' : state;
  $('status').setAttribute('data-state', shown);
  $('status-text').textContent = STATUS_TEXT[shown];
}

/** @param {'picker' | 'notice' | 'chat'} section */
export function show(section) {
  $('picker').hidden = section !== 'picker';
  $('notice').hidden = section !== 'notice';
  $('chat').hidden = section !== 'chat';
}

/** @param {string} title @param {string} text @param {string} [actionLabel] */
export function notice(title, text, actionLabel) {
  $('notice-title').textContent = title;
  $('notice-text').textContent = text;
  const action = $('notice-action');
  action.hidden = !actionLabel;
  if (actionLabel) action.textContent = actionLabel;
  show('notice');
}
