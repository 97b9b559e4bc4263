// @ts-check
// PawSupport operations dashboard: the KPIs of a period (tiles, charts, tables), the live
// panel, the conversation browser and log levels. Every value from the server goes in as text.
import { api, errorText } from '../kit/api.js';
import { $ } from '../kit/dom.js';
import { staffSignIn } from '../kit/signIn.js';
import { drill, filterFromUrl, wireBrowser } from './conversations.js';
import { renderKpis } from './kpis.js';
import { loadLevels, wireLevels } from './levels.js';
import { startLive } from './live.js';
import { initPeriod, period } from './period.js';

/** Tests shorten the refresh interval before the page loads. */
const REFRESH_MS = /** @type {{ __pawRefreshMs?: number }} */ (/** @type {unknown} */ (window)).__pawRefreshMs || 30000;
const onLoginPage = document.body.dataset.mode === 'login';

async function load() {
  const { from, to } = period();
  const status = $('status');
  status.textContent = 'Loading…';
  /** @type {import('../../ops/admin/adminViews').Kpis} */
  let kpis;
  try {
    kpis = /** @type {import('../../ops/admin/adminViews').Kpis} */ (await api('GET', `/admin/api/kpis?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`));
  } catch (err) {
    status.textContent = errorText(err);
    return;
  }
  const q = new URLSearchParams(location.search);
  q.set('from', from);
  q.set('to', to);
  history.replaceState(null, '', `/admin?${q}`);
  renderKpis(kpis);
  status.textContent = `Updated ${new Date().toLocaleTimeString()}`;
  document.body.dataset.loaded = 'true';
}

async function showDashboard() {
  $('dashboard').hidden = false;
  initPeriod(() => void load());
  wireBrowser();
  wireLevels();
  await Promise.all([load(), loadLevels()]);
  startLive();
  // The tiles, charts and tables refresh on an interval; the live panel follows its stream.
  $('refresh-every').textContent = `${Math.round(REFRESH_MS / 1000)} s`;
  window.setInterval(() => {
    if (!document.hidden) void load();
  }, REFRESH_MS);
  if (new URLSearchParams(location.search).get('browse') === '1') await drill(filterFromUrl());
}

const signIn = staffSignIn({
  roles: ['admin'],
  wrongRole: (user) => `You are signed in as ${user.displayName}, who does not have the admin role.`,
  signedIn: () => (onLoginPage ? location.replace('/admin') : showDashboard()),
  // The dashboard's form is its own page.
  ...(onLoginPage ? {} : { signInUrl: '/admin/login' }),
  afterSignOut: () => location.replace('/admin/login'),
});

signIn.start().catch((err) => void ($('status').textContent = `Something went wrong: ${errorText(err)}`));
