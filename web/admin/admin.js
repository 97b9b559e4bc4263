// PawSupport operations dashboard: KPIs of a period from /admin/api/kpis, drawn with Chart.js.
// Every value from the server is put in the page as text (textContent), never as HTML.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var DAY = 86400000;
  var COLORS = { contained: '#2f6f5e', handoff: '#e8702a', abandoned: '#c0392b', open: '#c9b8a6', fallback: '#8e6bbf', csat: '#f2b134' };
  var charts = {};
  var csrf = '';

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function pct(v) { return v === null || v === undefined ? '–' : (Math.round(v * 1000) / 10).toFixed(1) + ' %'; }
  function ms(v) {
    if (v === null || v === undefined) return '–';
    if (v < 1000) return Math.round(v) + ' ms';
    if (v < 60000) return (v / 1000).toFixed(1) + ' s';
    return (v / 60000).toFixed(1) + ' min';
  }
  function num(v) { return v === null || v === undefined ? '–' : String(v); }
  function isoDay(t) { return new Date(t).toISOString().slice(0, 10); }

  async function api(path, options) {
    var res = await fetch(path, Object.assign({ credentials: 'same-origin', headers: { accept: 'application/json' } }, options || {}));
    var body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    return { status: res.status, body: body };
  }

  // ── sign-in ──────────────────────────────────────────────────────────
  async function start() {
    var me = await api('/auth/me');
    if (me.status !== 200) return showSignIn();
    if (me.body.user.roles.indexOf('admin') < 0) return showSignIn('You are signed in as ' + me.body.user.displayName + ', who does not have the admin role.');
    if (document.body.dataset.mode === 'login') return void location.replace('/admin');
    csrf = me.body.csrfToken;
    $('who-name').textContent = me.body.user.displayName;
    $('who').hidden = false;
    $('dashboard').hidden = false;
    initPeriod();
    await Promise.all([load(), loadLevels()]);
  }

  function showSignIn(message) {
    if (document.body.dataset.mode !== 'login') return void location.replace('/admin/login');
    $('sign-in').hidden = false;
    if (message) { $('sign-in-error').textContent = message; $('sign-in-error').hidden = false; }
    $('username').focus();
  }

  $('sign-in-form').addEventListener('submit', async function (e) {
    e.preventDefault();
    var r = await api('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ username: $('username').value, password: $('password').value }) });
    if (r.status === 200 && r.body.user.roles.indexOf('admin') >= 0) return void location.replace('/admin');
    $('sign-in-error').textContent = r.status === 200 ? 'This account does not have the admin role.' : (r.body && r.body.detail) || 'Could not sign in.';
    $('sign-in-error').hidden = false;
  });

  $('sign-out').addEventListener('click', async function () {
    await api('/auth/logout', { method: 'POST', headers: { 'x-csrf-token': csrf } });
    location.replace('/admin/login');
  });

  // ── period ───────────────────────────────────────────────────────────
  function setPeriod(days) {
    var today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
    $('from').value = isoDay(today - (days - 1) * DAY);
    $('to').value = isoDay(today);
    document.querySelectorAll('.chip').forEach(function (c) { c.setAttribute('aria-pressed', String(Number(c.dataset.days) === days)); });
  }
  function initPeriod() {
    var q = new URLSearchParams(location.search);
    if (q.get('from') && q.get('to')) { $('from').value = q.get('from'); $('to').value = q.get('to'); }
    else setPeriod(7);
    document.querySelectorAll('.chip').forEach(function (c) {
      c.addEventListener('click', function () { setPeriod(Number(c.dataset.days)); load(); });
    });
    $('period').addEventListener('submit', function (e) {
      e.preventDefault();
      document.querySelectorAll('.chip').forEach(function (c) { c.setAttribute('aria-pressed', 'false'); });
      load();
    });
  }

  async function load() {
    var from = $('from').value, to = $('to').value;
    $('status').textContent = 'Loading…';
    var r = await api('/admin/api/kpis?from=' + encodeURIComponent(from) + '&to=' + encodeURIComponent(to));
    if (r.status !== 200) { $('status').textContent = (r.body && r.body.detail) || 'Could not load the KPIs (' + r.status + ').'; return; }
    history.replaceState(null, '', '/admin?from=' + encodeURIComponent(from) + '&to=' + encodeURIComponent(to));
    render(r.body);
    $('status').textContent = 'Updated ' + new Date().toLocaleTimeString();
    document.body.dataset.loaded = 'true';
  }

  // ── rendering ────────────────────────────────────────────────────────
  function tile(label, value, sub, key) {
    var t = el('div', null, 'tile');
    t.dataset.kpi = key;
    t.appendChild(el('div', label, 'label'));
    t.appendChild(el('div', value, 'value'));
    if (sub) t.appendChild(el('div', sub, 'sub'));
    return t;
  }

  function render(k) {
    var t = k.total;
    var tiles = $('tiles');
    tiles.replaceChildren(
      tile('Conversations', num(t.conversations), t.ended + ' ended, ' + t.open + ' open', 'conversations'),
      tile('Containment', pct(t.containmentRate), t.contained + ' resolved by the bot alone', 'containment'),
      tile('Handoff rate', pct(t.handoffRate), t.handoffs + ' handed to a person', 'handoff'),
      tile('Not understood', pct(t.fallbackRate), t.fallbacks + ' of ' + t.routedMessages + ' messages', 'fallback'),
      tile('Abandoned', num(t.abandoned), 'left after a fallback', 'abandoned'),
      tile('First reply', ms(t.firstReplyMs.median), 'p90 ' + ms(t.firstReplyMs.p90), 'first-reply'),
      tile('Handoff wait', ms(t.handoffWaitMs.median), 'p90 ' + ms(t.handoffWaitMs.p90), 'handoff-wait'),
      tile('CSAT', t.csat.average === null ? '–' : t.csat.average.toFixed(2) + ' / 5', t.csat.responses + ' ratings, ' + pct(t.csat.responseRate) + ' responded', 'csat')
    );

    var days = k.byDay.map(function (d) { return d.day.slice(5); });
    chart('chart-daily', {
      type: 'bar',
      data: {
        labels: days,
        datasets: [
          { label: 'Contained', data: k.byDay.map(function (d) { return d.contained; }), backgroundColor: COLORS.contained },
          { label: 'Handed off', data: k.byDay.map(function (d) { return d.handoffs; }), backgroundColor: COLORS.handoff },
          { label: 'Abandoned', data: k.byDay.map(function (d) { return d.abandoned; }), backgroundColor: COLORS.abandoned },
          { label: 'Open / other', data: k.byDay.map(function (d) { return d.conversations - d.contained - d.handoffs - d.abandoned; }), backgroundColor: COLORS.open },
        ],
      },
      options: { maintainAspectRatio: false, animation: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
    });
    chart('chart-rates', {
      type: 'line',
      data: {
        labels: days,
        datasets: [
          { label: 'Containment', data: k.byDay.map(function (d) { return d.containmentRate === null ? null : d.containmentRate * 100; }), borderColor: COLORS.contained, backgroundColor: COLORS.contained, spanGaps: true },
          { label: 'Handoff', data: k.byDay.map(function (d) { return d.handoffRate === null ? null : d.handoffRate * 100; }), borderColor: COLORS.handoff, backgroundColor: COLORS.handoff, spanGaps: true },
          { label: 'Not understood', data: k.byDay.map(function (d) { return d.fallbackRate === null ? null : d.fallbackRate * 100; }), borderColor: COLORS.fallback, backgroundColor: COLORS.fallback, spanGaps: true },
        ],
      },
      options: { maintainAspectRatio: false, animation: false, scales: { y: { min: 0, max: 100, ticks: { callback: function (v) { return v + ' %'; } } } } },
    });
    var reasons = Object.keys(t.handoffsByReason);
    chart('chart-reasons', {
      type: 'doughnut',
      data: { labels: reasons.map(reasonLabel), datasets: [{ data: reasons.map(function (r) { return t.handoffsByReason[r].count; }), backgroundColor: ['#e8702a', '#2f6f5e', '#8e6bbf', '#c0392b', '#f2b134'] }] },
      options: { maintainAspectRatio: false, animation: false, plugins: { legend: { position: 'right' } } },
    });
    chart('chart-csat', {
      type: 'bar',
      data: { labels: ['1', '2', '3', '4', '5'], datasets: [{ label: 'Ratings', data: t.csat.distribution, backgroundColor: COLORS.csat }] },
      options: { maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });

    rows('table-handoff-intents', k.topHandoffIntents.slice(0, 10), function (r) { return [r.intent === 'none' ? 'none (not understood)' : r.intent, [r.handoffs, 'num'], [pct(r.share), 'num']]; });
    rows('table-agents', k.agents, function (a) { return [a.agent, [a.chats, 'num'], [ms(a.handleMs.median), 'num'], [a.csatAverage === null ? '–' : a.csatAverage.toFixed(2) + ' (' + a.csatResponses + ')', 'num']]; });
    rows('table-intents', k.byIntent, function (i) { return [i.intent, [i.conversations, 'num'], [pct(i.containmentRate), 'num'], [pct(i.handoffRate), 'num'], [pct(i.fallbackRate), 'num'], [i.csat.average === null ? '–' : i.csat.average.toFixed(2), 'num']]; });
    rows('table-comments', k.comments, function (c) { return [new Date(c.at).toLocaleString(), [c.rating === null ? '–' : c.rating, 'num'], [c.comment, 'comment'], c.agent || 'bot']; });
  }

  function reasonLabel(r) {
    return { asked_for_agent: 'Asked for a person', not_understood_twice: 'Not understood twice', shipping_problem: 'Shipping problem', api_failure: 'System failure' }[r] || r;
  }

  function rows(id, items, cells) {
    var body = $(id).querySelector('tbody');
    var cols = $(id).querySelectorAll('thead th').length;
    if (!items.length) {
      var empty = el('td', 'Nothing in this period.', 'empty');
      empty.colSpan = cols;
      var tr0 = el('tr');
      tr0.appendChild(empty);
      body.replaceChildren(tr0);
      return;
    }
    body.replaceChildren.apply(body, items.map(function (item) {
      var tr = el('tr');
      cells(item).forEach(function (c) {
        var pair = Array.isArray(c) ? c : [c, ''];
        tr.appendChild(el('td', pair[0], pair[1]));
      });
      return tr;
    }));
  }

  function chart(id, config) {
    if (charts[id]) charts[id].destroy();
    charts[id] = new window.Chart($(id), config);
  }

  // ── log levels ───────────────────────────────────────────────────────
  async function loadLevels() {
    var r = await api('/admin/log-level');
    if (r.status !== 200) return;
    renderLevels(r.body);
  }
  function renderLevels(s) {
    var until = {};
    s.overrides.forEach(function (o) { until[o.module] = o.expiresAt ? new Date(o.expiresAt).toLocaleString() : 'changed back'; });
    rows('table-levels', Object.keys(s.modules), function (m) { return [m === '*' ? '* (all modules)' : m, s.modules[m], until[m] || '–']; });
  }
  $('level-form').addEventListener('submit', async function (e) {
    e.preventDefault();
    var minutes = Number($('level-minutes').value);
    var body = { module: $('level-module').value.trim() || '*', level: $('level-level').value || null };
    if (minutes > 0) body.ttlSeconds = Math.round(minutes * 60);
    var r = await api('/admin/log-level', { method: 'PUT', headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify(body) });
    $('level-error').hidden = r.status === 200;
    if (r.status !== 200) { $('level-error').textContent = (r.body && r.body.detail) || 'Could not change the level.'; return; }
    renderLevels(r.body);
  });

  start().catch(function (err) { $('status').textContent = 'Something went wrong: ' + err.message; });
})();
