// PawSupport operations dashboard: KPIs of a period from /admin/api/kpis, drawn with Chart.js.
// Every value from the server is put in the page as text (textContent), never as HTML.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var DAY = 86400000;
  var COLORS = { contained: '#2f6f5e', handoff: '#e8702a', abandoned: '#c0392b', open: '#c9b8a6', fallback: '#8e6bbf', csat: '#f2b134' };
  var charts = {};
  var csrf = '';
  // Tests shorten the refresh interval before the page loads.
  var REFRESH_MS = window.__pawRefreshMs || 30000;

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
    startLive();
    // The tiles, charts and tables refresh on an interval; the live panel follows its stream.
    $('refresh-every').textContent = Math.round(REFRESH_MS / 1000) + ' s';
    setInterval(function () { if (!document.hidden) load(); }, REFRESH_MS);
    if (new URLSearchParams(location.search).get('browse') === '1') drill(filterFromUrl());
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

  function periodQuery() { return 'from=' + encodeURIComponent($('from').value) + '&to=' + encodeURIComponent($('to').value); }

  async function load() {
    var from = $('from').value, to = $('to').value;
    $('status').textContent = 'Loading…';
    var r = await api('/admin/api/kpis?from=' + encodeURIComponent(from) + '&to=' + encodeURIComponent(to));
    if (r.status !== 200) { $('status').textContent = (r.body && r.body.detail) || 'Could not load the KPIs (' + r.status + ').'; return; }
    var q = new URLSearchParams(location.search);
    q.set('from', from);
    q.set('to', to);
    history.replaceState(null, '', '/admin?' + q.toString());
    render(r.body);
    $('status').textContent = 'Updated ' + new Date().toLocaleTimeString();
    document.body.dataset.loaded = 'true';
  }

  // ── rendering ────────────────────────────────────────────────────────
  // A tile: its figure, the count behind it, the definition (one per rate, from the API) and,
  // when clicked, the conversations behind it in the browser below.
  function tile(label, value, sub, key, definition, filter) {
    var t = el('button', null, 'tile drill');
    t.type = 'button';
    t.dataset.kpi = key;
    t.appendChild(el('div', label, 'label'));
    t.appendChild(el('div', value, 'value'));
    if (sub) t.appendChild(el('div', sub, 'sub'));
    if (definition) t.appendChild(el('div', definition, 'def'));
    t.title = 'Show these conversations';
    t.addEventListener('click', function () { drill(filter || {}); });
    return t;
  }
  function share(n, of) { return n + ' of ' + of; }

  function render(k) {
    var t = k.total;
    var d = k.definitions;
    var tiles = $('tiles');
    tiles.replaceChildren(
      tile('Conversations', num(t.conversations), 'contained + handed off + abandoned + still open', 'conversations', d.conversations, {}),
      tile('Containment', pct(t.containmentRate), share(t.contained, t.conversations) + ' conversations', 'containment', d.containment, { outcome: 'contained' }),
      tile('Handoff rate', pct(t.handoffRate), share(t.handoffs, t.conversations) + ' conversations', 'handoff', d.handoff, { outcome: 'handoff' }),
      tile('Abandoned', pct(t.abandonmentRate), share(t.abandoned, t.conversations) + ' conversations', 'abandoned', d.abandoned, { outcome: 'abandoned' }),
      tile('Still open', pct(t.openRate), share(t.open, t.conversations) + ' conversations', 'open', d.open, { outcome: 'open' }),
      tile('Not understood', pct(t.fallbackRate), share(t.fallbacks, t.routedMessages) + ' messages', 'fallback', d.fallback, { fallback: 'yes' }),
      tile('First reply', ms(t.firstReplyMs.median), 'p90 ' + ms(t.firstReplyMs.p90) + ', ' + t.firstReplyMs.count + ' conversations', 'first-reply', d.firstReply, {}),
      tile('Handoff wait', ms(t.handoffWaitMs.median), 'p90 ' + ms(t.handoffWaitMs.p90) + ', ' + t.handoffWaitMs.count + ' accepted', 'handoff-wait', d.handoffWait, { outcome: 'handoff' }),
      tile('CSAT', t.csat.average === null ? '–' : t.csat.average.toFixed(2) + ' / 5', t.csat.responses + ' ratings, ' + pct(t.csat.responseRate) + ' of ' + t.csat.asked + ' asked', 'csat', d.csat, { csat: 'rated' })
    );
    document.querySelectorAll('a.csv[data-table]').forEach(function (a) {
      a.href = '/admin/api/kpis.csv?table=' + a.dataset.table + '&' + periodQuery();
      a.setAttribute('download', '');
    });
    fillList('intent-names', k.byIntent.map(function (i) { return i.intent; }));
    fillList('agent-names', k.agents.map(function (a) { return a.agent; }));

    var days = k.byDay.map(function (d) { return d.day.slice(5); });
    chart('chart-daily', {
      type: 'bar',
      data: {
        labels: days,
        datasets: [
          { label: 'Contained', data: k.byDay.map(function (d) { return d.contained; }), backgroundColor: COLORS.contained },
          { label: 'Handed off', data: k.byDay.map(function (d) { return d.handoffs; }), backgroundColor: COLORS.handoff },
          { label: 'Abandoned', data: k.byDay.map(function (d) { return d.abandoned; }), backgroundColor: COLORS.abandoned },
          { label: 'Still open', data: k.byDay.map(function (d) { return d.open; }), backgroundColor: COLORS.open },
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

    rows('table-handoff-intents', k.topHandoffIntents.slice(0, 10), function (r) { return [r.intent === 'none' ? 'none (not understood)' : r.intent, [r.handoffs, 'num'], [pct(r.share), 'num']]; }, function (r) { drill({ outcome: 'handoff', topic: r.intent }); });
    rows('table-agents', k.agents, function (a) { return [a.agent, [a.chats, 'num'], [ms(a.handleMs.median), 'num'], [a.csatAverage === null ? '–' : a.csatAverage.toFixed(2) + ' (' + a.csatResponses + ')', 'num']]; }, function (a) { drill({ agent: a.agent }); });
    rows('table-intents', k.byIntent, function (i) {
      return [i.intent, [i.conversations, 'num'], [pct(i.containmentRate), 'num'], [pct(i.handoffRate), 'num'], [pct(i.abandonmentRate), 'num'], [pct(i.openRate), 'num'], [pct(i.fallbackRate), 'num'], [i.csat.average === null ? '–' : i.csat.average.toFixed(2), 'num']];
    }, function (i) { drill({ intent: i.intent }); });
    rows('table-comments', k.comments, function (c) { return [new Date(c.at).toLocaleString(), [c.rating === null ? '–' : c.rating, 'num'], [c.comment, 'comment'], c.agent || 'bot']; });
  }

  function reasonLabel(r) {
    return { asked_for_agent: 'Asked for a person', not_understood_twice: 'Not understood twice', shipping_problem: 'Shipping problem', api_failure: 'System failure' }[r] || r;
  }

  function fillList(id, names) {
    $(id).replaceChildren.apply($(id), names.map(function (n) { var o = el('option'); o.value = n; return o; }));
  }

  // Rows with a `pick` open what is behind them (click, or Enter on the focused row).
  function rows(id, items, cells, pick) {
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
      if (pick) {
        tr.className = 'drill';
        tr.tabIndex = 0;
        tr.addEventListener('click', function () { pick(item); });
        tr.addEventListener('keydown', function (e) { if (e.key === 'Enter') pick(item); });
      }
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
  function untilText(iso) {
    var left = Date.parse(iso) - Date.now();
    var mins = Math.max(0, Math.round(left / 60000));
    return 'until ' + new Date(iso).toLocaleString() + ' (' + (mins < 1 ? 'under a minute' : mins + ' min') + ' left)';
  }
  function renderLevels(s) {
    var until = {};
    s.overrides.forEach(function (o) { until[o.module] = o.level + (o.expiresAt ? ', ' + untilText(o.expiresAt) : ', until changed back'); });
    rows('table-levels', Object.keys(s.modules), function (m) { return [m === '*' ? '* (all modules)' : m, s.modules[m], until[m] || '–']; });
    var select = $('level-module');
    var chosen = select.value;
    var names = ['*'].concat(s.known);
    select.replaceChildren.apply(select, names.map(function (m) { var o = el('option', m === '*' ? '* (all modules)' : m); o.value = m; return o; }));
    if (names.indexOf(chosen) >= 0) select.value = chosen;
  }
  $('level-form').addEventListener('submit', async function (e) {
    e.preventDefault();
    var minutes = Number($('level-minutes').value);
    var body = { module: $('level-module').value || '*', level: $('level-level').value || null };
    if (minutes > 0) body.ttlSeconds = Math.round(minutes * 60);
    var r = await api('/admin/log-level', { method: 'PUT', headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify(body) });
    $('level-error').hidden = r.status === 200;
    if (r.status !== 200) { $('level-error').textContent = (r.body && r.body.detail) || 'Could not change the level.'; return; }
    renderLevels(r.body);
  });

  // ── live panel (server-sent events) ─────────────────────────────────
  function startLive() {
    if (!window.EventSource) { $('live-status').textContent = 'not supported by this browser'; return; }
    var source = new EventSource('/admin/api/live');
    source.addEventListener('open', function () { $('live-status').textContent = 'live'; $('live').dataset.state = 'live'; });
    source.addEventListener('error', function () { $('live-status').textContent = 'reconnecting…'; $('live').dataset.state = 'reconnecting'; });
    source.addEventListener('live', function (e) { renderLive(JSON.parse(e.data)); });
  }
  function renderLive(s) {
    $('live-queue').textContent = String(s.queueLength);
    $('live-wait').textContent = s.longestWaitMs === null ? '–' : ms(s.longestWaitMs);
    $('live-online').textContent = String(s.agents.length);
    var load = s.agents.reduce(function (n, a) { return n + a.load; }, 0);
    var capacity = s.agents.reduce(function (n, a) { return n + a.capacity; }, 0);
    $('live-load').textContent = load + ' chats of ' + capacity + ' capacity';
    rows('table-live-agents', s.agents, function (a) { return [a.displayName, [a.load, 'num'], [a.capacity, 'num']]; });
    $('live').dataset.at = s.at;
  }

  // ── conversation browser ────────────────────────────────────────────
  var FILTERS = ['intent', 'outcome', 'reason', 'topic', 'csat', 'agent'];
  var browserOffset = 0;
  var PAGE = 25;

  function filterFromForm() {
    var f = {};
    FILTERS.forEach(function (k) { var v = $('f-' + k).value.trim(); if (v) f[k] = v; });
    if ($('f-fallback').checked) f.fallback = 'yes';
    return f;
  }
  function filterFromUrl() {
    var q = new URLSearchParams(location.search), f = {};
    FILTERS.concat(['fallback']).forEach(function (k) { if (q.get(k)) f[k] = q.get(k); });
    return f;
  }
  function setForm(f) {
    FILTERS.forEach(function (k) { $('f-' + k).value = f[k] || ''; });
    $('f-fallback').checked = f.fallback === 'yes';
  }
  function browserQuery(f) {
    var parts = [periodQuery()];
    Object.keys(f).forEach(function (k) { parts.push(k + '=' + encodeURIComponent(f[k])); });
    return parts.join('&');
  }

  /** Opens the conversations behind a figure: the filters, the period of the dashboard. */
  function drill(f) {
    setForm(f);
    browserOffset = 0;
    loadConversations().then(function () { $('browser').scrollIntoView({ block: 'start' }); });
  }

  async function loadConversations() {
    var f = filterFromForm();
    var q = browserQuery(f);
    $('browser-csv').href = '/admin/api/conversations.csv?' + q;
    $('browser-csv').setAttribute('download', '');
    $('browser-summary').textContent = 'Loading…';
    var r = await api('/admin/api/conversations?' + q + '&limit=' + PAGE + '&offset=' + browserOffset);
    if (r.status !== 200) { $('browser-summary').textContent = (r.body && r.body.detail) || 'Could not load the conversations (' + r.status + ').'; return; }
    var b = r.body;
    var described = Object.keys(f).map(function (k) { return k + ' ' + f[k]; }).join(', ');
    $('browser-summary').textContent = b.total + ' conversations' + (described ? ' (' + described + ')' : '') + ' from ' + $('from').value + ' to ' + $('to').value +
      (b.total > PAGE ? ', showing ' + (b.offset + 1) + '–' + Math.min(b.total, b.offset + b.conversations.length) : '');
    $('browser').dataset.total = String(b.total);
    $('page-prev').disabled = browserOffset === 0;
    $('page-next').disabled = browserOffset + PAGE >= b.total;
    var query = browserQuery(f).replace(/^from=[^&]*&to=[^&]*&?/, '');
    history.replaceState(null, '', '/admin?' + periodQuery() + '&browse=1' + (query ? '&' + query : ''));
    rows('table-conversations', b.conversations, function (c) {
      return [new Date(c.startedAt).toLocaleString(), outcomeLabel(c.outcome), c.intents.join(', ') || '–', c.handoffReason ? reasonLabel(c.handoffReason) : '–', c.agent || '–', [c.rating === null ? '–' : c.rating, 'num'], [c.messages, 'num']];
    }, function (c) { openConversation(c.conversationId); });
    $('table-conversations').querySelectorAll('tbody tr.drill').forEach(function (tr, i) { tr.dataset.conversationId = b.conversations[i].conversationId; });
  }
  function outcomeLabel(o) { return { contained: 'contained', handoff: 'handed off', abandoned: 'abandoned', open: 'still open' }[o] || o; }

  async function openConversation(id) {
    var r = await api('/admin/api/conversations/' + encodeURIComponent(id));
    if (r.status !== 200) { $('browser-summary').textContent = (r.body && r.body.detail) || 'Could not open the conversation.'; return; }
    var d = r.body, c = d.conversation;
    $('conversation-id').textContent = c.conversationId;
    var facts = [
      ['Started', new Date(c.startedAt).toLocaleString()], ['Ended', c.endedAt ? new Date(c.endedAt).toLocaleString() + ' (' + c.endedHow + ')' : 'not yet'],
      ['Outcome', outcomeLabel(c.outcome)], ['Customer', c.customerId || 'anonymous'], ['Channel', c.channelId],
      ['Handoff', d.handoff ? reasonLabel(d.handoff.reason) + ', topic ' + d.handoff.intent + (d.handoff.agent ? ', taken by ' + d.handoff.agent : ', no agent yet') + (d.handoff.result ? ', ' + d.handoff.result : '') : 'none'],
      ['CSAT', d.csat ? (d.csat.rating ? d.csat.rating + ' / 5' : 'asked, no rating') + (d.csat.comment ? ': “' + d.csat.comment + '”' : '') : 'not asked'],
    ];
    $('conversation-facts').replaceChildren.apply($('conversation-facts'), facts.flatMap(function (p) { return [el('dt', p[0]), el('dd', p[1])]; }));
    rows('table-trail', d.trail, function (s) { return [new Date(s.at).toLocaleTimeString(), [s.text, 'comment'], s.intent, [s.score.toFixed(3), 'num'], s.detail]; });
    var list = $('transcript');
    if (d.transcript === null) list.replaceChildren(el('li', 'The chat channel no longer keeps this transcript (DIRECTLINE_RETENTION_SECONDS); the routing trail above has the customer’s messages.', 'gone'));
    else list.replaceChildren.apply(list, d.transcript.map(function (l) {
      var li = el('li', null, 'line ' + l.from);
      li.appendChild(el('span', new Date(l.at).toLocaleTimeString() + ' · ' + (l.from === 'agent' ? l.name : l.from), 'who'));
      li.appendChild(el('span', l.text, 'text'));
      if (l.suggestions) li.appendChild(el('span', l.suggestions.map(function (x) { return '[' + x + ']'; }).join(' '), 'buttons'));
      return li;
    }));
    $('conversation').hidden = false;
    $('conversation').scrollIntoView({ block: 'start' });
  }

  $('browser-form').addEventListener('submit', function (e) { e.preventDefault(); browserOffset = 0; loadConversations(); });
  $('f-clear').addEventListener('click', function () { drill({}); });
  $('page-prev').addEventListener('click', function () { browserOffset = Math.max(0, browserOffset - PAGE); loadConversations(); });
  $('page-next').addEventListener('click', function () { browserOffset += PAGE; loadConversations(); });
  $('conversation-close').addEventListener('click', function () { $('conversation').hidden = true; });

  start().catch(function (err) { $('status').textContent = 'Something went wrong: ' + err.message; });
})();
