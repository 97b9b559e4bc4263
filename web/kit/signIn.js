// @ts-check
// The page kit's staff sign-in: one flow for the agent console, the trainer and the admin
// dashboard. The page has the form (#sign-in, #sign-in-form, #username, #password,
// #sign-in-error, #sign-in-button) and the header (#who, #who-name, #sign-out).
import { $ } from './dom.js';
import { api, ApiError, errorText, onSignedOut, setCsrf } from './api.js';

/**
 * What `/auth/me` and `/auth/login` answer (`web/auth/auth.ts`).
 * @typedef {object} StaffMe
 * @property {{ username: string, displayName: string, roles: string[] }} user
 * @property {string} csrfToken
 */

/**
 * @typedef {object} StaffSignInOptions
 * @property {readonly string[]} roles the page needs one of these
 * @property {(user: StaffMe['user']) => string} wrongRole what to tell someone without them
 * @property {(me: StaffMe) => void | Promise<void>} signedIn show the page (the form is hidden by then)
 * @property {() => void} [signedOut] hide the page's data (the form is about to show)
 * @property {string} [signInUrl] where the form is when it is not on this page (the browser goes there)
 * @property {() => Promise<unknown>} [beforeSignOut] e.g. going away before the session ends
 * @property {() => void} [afterSignOut] default: show the form
 */

/**
 * Wires the sign-in form and the sign-out button; `start()` checks the session (`/auth/me`).
 * A 401 from any later call shows the form again.
 * @param {StaffSignInOptions} o
 */
export function staffSignIn(o) {
  const section = $('sign-in');
  const form = $('sign-in-form', HTMLFormElement);
  const username = $('username', HTMLInputElement);
  const password = $('password', HTMLInputElement);
  const error = $('sign-in-error');
  const button = $('sign-in-button', HTMLButtonElement);
  const who = $('who');

  /** Shows the form, with a message when there is one. @param {string} [message] */
  function show(message) {
    o.signedOut?.();
    setCsrf('');
    who.hidden = true;
    if (o.signInUrl) return void location.replace(o.signInUrl);
    section.hidden = false;
    error.textContent = message ?? '';
    error.hidden = !message;
    username.focus();
  }

  /** @param {StaffMe} me */
  async function enter(me) {
    if (!me.user.roles.some((r) => o.roles.includes(r))) return show(o.wrongRole(me.user));
    setCsrf(me.csrfToken);
    section.hidden = true;
    password.value = '';
    $('who-name').textContent = me.user.displayName;
    who.hidden = false;
    await o.signedIn(me);
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    button.disabled = true;
    try {
      await enter(/** @type {StaffMe} */ (await api('POST', '/auth/login', { username: username.value.trim(), password: password.value })));
    } catch (err) {
      show(errorText(err));
    } finally {
      button.disabled = false;
    }
  });

  $('sign-out').addEventListener('click', async () => {
    await o.beforeSignOut?.().catch(() => undefined);
    await api('POST', '/auth/logout').catch(() => undefined);
    if (o.afterSignOut) o.afterSignOut();
    else show();
  });

  onSignedOut(() => show());

  return {
    show,
    /** Signs in with the current session, or shows the form. */
    async start() {
      /** @type {StaffMe} */
      let me;
      try {
        me = /** @type {StaffMe} */ (await api('GET', '/auth/me'));
      } catch (err) {
        return show(err instanceof ApiError && err.status === 401 ? undefined : errorText(err));
      }
      await enter(me).catch((err) => show(errorText(err)));
    },
  };
}
