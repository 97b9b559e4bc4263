// PawSupport agent console: sign-in, live queue, the agent's chats, the handoff packet,
// notes, canned responses and ending a chat. Everything shown is set with textContent:
// nothing a customer (or anyone) typed ever becomes HTML.
(function () {
  'use strict';

  var $ = function (id) { return document.getElementById(id); };
  var el = function (tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  };

  var REASONS = {
    shipping_problem: 'Shipping problem',
    api_failure: 'System failure',
    asked_for_agent: 'Asked for a person',
    not_understood_twice: 'Not understood twice',
  };
  var OUTCOME_TITLES = { resolved: 'Resolved', follow_up: 'Needs follow-up', not_resolved: 'Not resolved' };
  var LONG_WAIT_MS = 5 * 60 * 1000;

  var state = {
    csrf: '', me: null, queue: [], queueAt: 0, online: 0, chats: [], tickets: [], canned: [],
    selected: null, view: null, unread: {}, socket: null, typingSentAt: 0, typingTimer: 0, retry: 0,
  };

  // ── plumbing ──
  function api(method, path, body) {
    var headers = { Accept: 'application/json' };
    if (method !== 'GET') headers['X-CSRF-Token'] = state.csrf;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' })
      .then(function (res) {
        if (res.status === 204) return null;
        return res.json().catch(function () { return {}; }).then(function (json) {
          if (res.status === 401 && path.indexOf('/auth/login') !== 0) { showSignIn(); }
          if (!res.ok) { var e = new Error(json.detail || ('The server answered ' + res.status + '.')); e.status = res.status; throw e; }
          return json;
        });
      });
  }

  var toastTimer = 0;
  function toast(text, kind) {
    var t = $('toast');
    t.textContent = text;
    t.setAttribute('data-kind', kind || 'info');
    t.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { t.hidden = true; }, 4000);
  }
  function fail(err) { toast(err.message || String(err), 'error'); }

  function clock(iso) {
    var d = new Date(iso);
    return isNaN(d) ? '' : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }
  function duration(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    var m = Math.floor(s / 60);
    return m >= 60 ? Math.floor(m / 60) + 'h ' + (m % 60) + 'm' : m + ':' + String(s % 60).padStart(2, '0');
  }
  function customerLabel(c) { return c.customerName || (c.customerId ? 'Customer ' + c.customerId : 'Anonymous visitor'); }
  function reasonBadge(reason) {
    var b = el('span', 'badge', REASONS[reason] || reason);
    b.setAttribute('data-reason', reason);
    return b;
  }

  // ── sign-in ──
  function showSignIn() {
    closeSocket();
    $('console').hidden = true;
    $('me').hidden = true;
    $('signin').hidden = false;
    $('username').focus();
  }

  $('signin-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var err = $('signin-error');
    err.hidden = true;
    $('signin-button').disabled = true;
    api('POST', '/auth/login', { username: $('username').value.trim(), password: $('password').value })
      .then(function (json) {
        $('password').value = '';
        begin(json.user, json.csrfToken);
      })
      .catch(function (e2) { err.textContent = e2.message; err.hidden = false; })
      .then(function () { $('signin-button').disabled = false; });
  });

  $('sign-out').addEventListener('click', function () {
    api('POST', '/agent/api/presence', { status: 'away' }).catch(function () {})
      .then(function () { return api('POST', '/auth/logout'); })
      .catch(function () {})
      .then(function () { location.reload(); });
  });

  function begin(user, csrf) {
    if (user.roles.indexOf('agent') === -1) {
      showSignIn();
      var err = $('signin-error');
      err.textContent = 'This account is not an agent account.';
      err.hidden = false;
      return;
    }
    state.csrf = csrf;
    $('signin').hidden = true;
    $('console').hidden = false;
    $('me').hidden = false;
    $('me-name').textContent = user.displayName;
    loadState().then(connect).catch(fail);
    refreshRatings();
    // Customers rate a chat after it ends, so the list refreshes now and then.
    setInterval(refreshRatings, 60000);
  }

  // ── state ──
  function loadState() {
    return api('GET', '/agent/api/state').then(function (s) {
      state.me = s.me;
      state.canned = s.canned;
      $('presence').value = s.me.status;
      fillSelect($('outcome'), s.outcomes.map(function (o) { return [o, OUTCOME_TITLES[o] || o]; }), false);
      fillSelect($('intent'), s.intents.map(function (i) { return [i, i]; }), true);
      var canned = $('canned');
      canned.replaceChildren(new Option('Insert…', ''));
      s.canned.forEach(function (c, i) { canned.append(new Option(c.title, String(i))); });
      setQueue(s.queue, s.online);
      state.chats = s.chats;
      renderChats();
      state.tickets = s.tickets;
      renderTickets();
      if (state.selected && !s.chats.some(function (c) { return c.conversationId === state.selected; })) closeChat();
      else if (state.selected) openChat(state.selected);
    });
  }

  function fillSelect(select, pairs, keepFirst) {
    var first = keepFirst ? select.options[0] : null;
    select.replaceChildren();
    if (first) select.append(first);
    pairs.forEach(function (p) { select.append(new Option(p[1], p[0])); });
  }

  // ── live feed ──
  function connect() {
    closeSocket();
    var feed = $('feed');
    feed.setAttribute('data-state', 'connecting');
    $('feed-text').textContent = 'Connecting…';
    var ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/agent/ws');
    state.socket = ws;
    ws.onopen = function () {
      state.retry = 0;
      feed.setAttribute('data-state', 'live');
      $('feed-text').textContent = 'Live';
    };
    ws.onmessage = function (m) {
      var msg;
      try { msg = JSON.parse(m.data); } catch (e) { return; }
      onFeed(msg);
    };
    ws.onclose = function (ev) {
      if (state.socket !== ws) return;
      state.socket = null;
      feed.setAttribute('data-state', 'down');
      $('feed-text').textContent = 'Reconnecting…';
      if (ev.code === 4401) return showSignIn();
      var delay = Math.min(10000, 1000 * Math.pow(2, state.retry++));
      setTimeout(function () { if (!state.socket && !$('console').hidden) loadState().then(connect).catch(function () { setTimeout(connect, delay); }); }, delay);
    };
  }
  function closeSocket() {
    var ws = state.socket;
    state.socket = null;
    if (ws) try { ws.close(); } catch (e) { /* closed */ }
  }

  function onFeed(msg) {
    switch (msg.type) {
      case 'queue': return setQueue(msg.queue, msg.online);
      case 'line': return onLine(msg.conversationId, msg.line);
      case 'typing': return onTyping(msg.conversationId);
      case 'chats': return refreshChats();
      case 'tickets': return refreshTickets();
    }
  }

  // ── queue ──
  function setQueue(queue, online) {
    state.queue = queue;
    state.queueAt = Date.now();
    state.online = online;
    renderQueue();
  }

  function renderQueue() {
    var list = $('queue');
    list.replaceChildren();
    $('queue-count').textContent = String(state.queue.length);
    $('queue-empty').hidden = state.queue.length > 0;
    $('online').textContent = state.online === 1 ? '1 agent online' : state.online + ' agents online';
    var full = state.me && state.chats.length >= state.me.capacity;
    state.queue.forEach(function (q) {
      var li = el('li', 'item');
      li.setAttribute('data-conversation-id', q.conversationId);
      li.setAttribute('data-waited', String(q.waitedMs));
      var top = el('div', 'row');
      top.append(el('span', 'who', '#' + q.position + ' ' + customerLabel(q)), reasonBadge(q.reason));
      var bottom = el('div', 'row');
      var wait = el('span', 'wait');
      bottom.append(wait);
      var accept = el('button', 'accept', 'Accept');
      accept.type = 'button';
      accept.disabled = !!full || $('presence').value !== 'online';
      accept.title = full ? 'You are at your capacity' : $('presence').value !== 'online' ? 'Set yourself online first' : 'Take this conversation';
      accept.addEventListener('click', function () { acceptConversation(q.conversationId, accept); });
      bottom.append(accept);
      li.append(top, el('div', 'summary', q.summary), bottom);
      list.append(li);
    });
    tickWaits();
  }

  function tickWaits() {
    var since = Date.now() - state.queueAt;
    var items = $('queue').children;
    for (var i = 0; i < items.length; i++) {
      var waited = Number(items[i].getAttribute('data-waited')) + since;
      items[i].querySelector('.wait').textContent = 'waiting ' + duration(waited);
      items[i].classList.toggle('long', waited > LONG_WAIT_MS);
    }
  }
  setInterval(tickWaits, 1000);

  function acceptConversation(id, button) {
    button.disabled = true;
    api('POST', '/agent/api/conversations/' + encodeURIComponent(id) + '/accept')
      .then(function (view) {
        if (!state.chats.some(function (c) { return c.conversationId === id; })) {
          state.chats.push({ conversationId: id, customerName: view.customerName, customerId: view.customerId, reason: view.reason, acceptedAt: view.acceptedAt });
        }
        renderChats();
        showChat(view);
      })
      .catch(function (e) { button.disabled = false; fail(e); });
  }

  // ── my chats ──
  function refreshChats() {
    return api('GET', '/agent/api/chats').then(function (r) {
      state.chats = r.chats;
      renderChats();
      renderQueue();
    }).catch(fail);
  }

  function renderChats() {
    var list = $('chats');
    list.replaceChildren();
    $('chats-empty').hidden = state.chats.length > 0;
    $('load').textContent = state.chats.length + ' / ' + (state.me ? state.me.capacity : 3) + ' chats';
    state.chats.forEach(function (c) {
      var li = el('li', 'item');
      li.tabIndex = 0;
      li.setAttribute('data-conversation-id', c.conversationId);
      li.setAttribute('aria-current', String(c.conversationId === state.selected));
      var top = el('div', 'row');
      top.append(el('span', 'who', customerLabel(c)));
      if (state.unread[c.conversationId]) top.append(el('span', 'unread', state.unread[c.conversationId]));
      top.append(reasonBadge(c.reason));
      li.append(top, el('span', 'wait', c.acceptedAt ? 'since ' + clock(c.acceptedAt) : ''));
      var open = function () { openChat(c.conversationId); };
      li.addEventListener('click', open);
      li.addEventListener('keydown', function (e) { if (e.key === 'Enter') open(); });
      list.append(li);
    });
  }

  // ── one conversation ──
  function openChat(id) {
    return api('GET', '/agent/api/conversations/' + encodeURIComponent(id)).then(showChat).catch(fail);
  }

  function closeChat() {
    state.selected = null;
    state.view = null;
    $('chat').hidden = true;
    $('placeholder').hidden = false;
    renderChats();
  }

  function showChat(view) {
    state.selected = view.conversationId;
    state.view = view;
    delete state.unread[view.conversationId];
    $('placeholder').hidden = true;
    $('chat').hidden = false;
    $('customer-typing').hidden = true;
    $('chat-customer').textContent = customerLabel(view);
    $('chat-meta').textContent = (view.customerId ? 'Customer id ' + view.customerId + ' · ' : '') + 'queued ' + clock(view.queuedAt) + (view.acceptedAt ? ' · accepted ' + clock(view.acceptedAt) : '');
    var badge = $('chat-reason');
    badge.textContent = REASONS[view.reason] || view.reason;
    badge.setAttribute('data-reason', view.reason);

    var lines = $('lines');
    lines.replaceChildren();
    view.transcript.forEach(function (t) { lines.append(lineItem({ from: t.role === 'customer' ? 'customer' : 'bot', text: t.text, at: t.at, by: t.role === 'customer' ? customerLabel(view) : 'PawSupport bot' }, true)); });
    lines.append(el('li', 'line divider', 'Handed to a person · ' + (REASONS[view.reason] || view.reason) + ' · ' + clock(view.queuedAt)));
    var notes = $('notes');
    notes.replaceChildren();
    view.lines.forEach(function (l) { addLine(l); });
    lines.scrollTop = lines.scrollHeight;

    var facts = $('facts');
    facts.replaceChildren();
    fact(facts, 'Reason', REASONS[view.reason] || view.reason);
    fact(facts, 'Customer', customerLabel(view));
    fact(facts, 'Customer id', view.customerId || 'not signed in');
    fact(facts, 'Summary', view.summary);
    fact(facts, 'Requested', clock(view.packet.requestedAt));

    var trail = $('trail');
    trail.replaceChildren();
    view.packet.trail.forEach(function (t) {
      var tr = el('tr');
      tr.append(el('td', '', t.text), el('td', '', t.intent), el('td', 'score', Number(t.score).toFixed(2)), el('td', '', t.decision));
      trail.append(tr);
    });
    if (!view.packet.trail.length) { var tr = el('tr'); var td = el('td', 'empty', 'Nothing recognised yet.'); td.colSpan = 4; tr.append(td); trail.append(tr); }

    var slots = $('slots');
    slots.replaceChildren();
    var keys = Object.keys(view.packet.slots || {});
    keys.forEach(function (k) { var v = view.packet.slots[k]; fact(slots, k, typeof v === 'string' ? v : JSON.stringify(v)); });
    if (!keys.length) fact(slots, '—', 'nothing collected');

    var shown = $('shown');
    shown.replaceChildren();
    view.packet.shown.forEach(function (s) { shown.append(el('li', '', s)); });
    if (!view.packet.shown.length) shown.append(el('li', 'empty', 'Nothing yet.'));

    var active = view.state === 'active';
    $('message').disabled = !active;
    $('send').disabled = !active;
    $('end').disabled = !active;
    renderChats();
    if (active) $('message').focus();
  }

  function fact(dl, k, v) { dl.append(el('dt', '', k), el('dd', '', v)); }

  function lineItem(l, before) {
    var li = el('li', 'line ' + l.from + (before ? ' before' : ''));
    if (l.from !== 'system') li.append(el('span', 'by', l.by || (l.from === 'customer' ? customerLabel(state.view || {}) : '')));
    li.append(document.createTextNode(l.text));
    li.append(el('span', 'at', clock(l.at)));
    return li;
  }

  /** A line of the open conversation: chat lines in the chat, notes in the notes. */
  function addLine(l) {
    if (l.from === 'note') {
      var li = el('li');
      li.append(el('span', 'by', (l.by || '') + ' · ' + clock(l.at)), document.createTextNode(l.text));
      $('notes').append(li);
      return;
    }
    var lines = $('lines');
    var atBottom = lines.scrollHeight - lines.scrollTop - lines.clientHeight < 40;
    lines.append(lineItem(l, false));
    if (atBottom || l.from === 'agent') lines.scrollTop = lines.scrollHeight;
  }

  function onLine(conversationId, line) {
    if (conversationId === state.selected && state.view) {
      var dup = state.view.lines.some(function (x) { return x.at === line.at && x.text === line.text && x.from === line.from; });
      if (dup) return;
      state.view.lines.push(line);
      if (line.from === 'customer') $('customer-typing').hidden = true;
      addLine(line);
    } else if (line.from === 'customer') {
      state.unread[conversationId] = (state.unread[conversationId] || 0) + 1;
      renderChats();
    }
  }

  var typingHide = 0;
  function onTyping(conversationId) {
    if (conversationId !== state.selected) return;
    $('customer-typing').hidden = false;
    clearTimeout(typingHide);
    typingHide = setTimeout(function () { $('customer-typing').hidden = true; }, 5000);
  }

  // ── composing ──
  function send() {
    var box = $('message');
    var text = box.value.trim();
    if (!text || !state.selected) return;
    var id = state.selected;
    $('send').disabled = true;
    api('POST', '/agent/api/conversations/' + encodeURIComponent(id) + '/messages', { text: text })
      .then(function (line) {
        box.value = '';
        if (id === state.selected && state.view) onLine(id, line);
      })
      .catch(fail)
      .then(function () { $('send').disabled = false; box.focus(); });
  }
  $('compose').addEventListener('submit', function (e) { e.preventDefault(); send(); });
  $('message').addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); send(); }
  });
  $('message').addEventListener('input', function () {
    // The customer sees "typing…" while the agent writes (at most one signal every 3 s).
    if (!state.selected || Date.now() - state.typingSentAt < 3000 || !$('message').value) return;
    state.typingSentAt = Date.now();
    api('POST', '/agent/api/conversations/' + encodeURIComponent(state.selected) + '/typing').catch(function () {});
  });
  $('canned').addEventListener('change', function () {
    var c = state.canned[Number($('canned').value)];
    $('canned').value = '';
    if (!c) return;
    var box = $('message');
    box.value = box.value ? box.value.replace(/\s*$/, ' ') + c.text : c.text;
    box.focus();
  });

  $('note-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var input = $('note');
    var text = input.value.trim();
    if (!text || !state.selected) return;
    var id = state.selected;
    api('POST', '/agent/api/conversations/' + encodeURIComponent(id) + '/notes', { text: text })
      .then(function (line) { input.value = ''; onLine(id, line); })
      .catch(fail);
  });

  $('end-form').addEventListener('submit', function (e) {
    e.preventDefault();
    if (!state.selected) return;
    var id = state.selected;
    var body = { outcome: $('outcome').value };
    if ($('intent').value) body.intent = $('intent').value;
    $('end').disabled = true;
    api('POST', '/agent/api/conversations/' + encodeURIComponent(id) + '/end', body)
      .then(function () {
        state.chats = state.chats.filter(function (c) { return c.conversationId !== id; });
        $('intent').value = '';
        closeChat();
        renderQueue();
        toast('Chat ended. The bot is looking after the customer again.');
      })
      .catch(function (e2) { $('end').disabled = false; fail(e2); });
  });

  $('presence').addEventListener('change', function () {
    var status = $('presence').value;
    api('POST', '/agent/api/presence', { status: status }).then(function () {
      renderQueue();
      toast(status === 'online' ? 'You are online: you can take conversations.' : 'You are away: you will not get new conversations.');
    }).catch(fail);
  });

  // ── tickets ──
  function refreshTickets() {
    return api('GET', '/agent/api/tickets').then(function (r) { state.tickets = r.tickets; renderTickets(); }).catch(fail);
  }
  function renderTickets() {
    var list = $('tickets');
    list.replaceChildren();
    $('tickets-count').textContent = String(state.tickets.length);
    $('tickets-empty').hidden = state.tickets.length > 0;
    state.tickets.forEach(function (t) {
      var li = el('li', 'item');
      li.setAttribute('data-ticket-id', t.id);
      var top = el('div', 'row');
      top.append(el('span', 'who', t.id + ' · ' + customerLabel(t)), reasonBadge(t.reason));
      var msg = el('div', 'summary', t.message);
      var row = el('div', 'row');
      row.append(el('span', 'wait', clock(t.createdAt)));
      var done = el('button', 'secondary', 'Mark done');
      done.type = 'button';
      done.addEventListener('click', function () {
        done.disabled = true;
        api('POST', '/agent/api/tickets/' + encodeURIComponent(t.id) + '/close').then(refreshTickets).catch(function (e) { done.disabled = false; fail(e); });
      });
      row.append(done);
      li.append(top, msg);
      if (t.earlier && t.earlier.length) li.append(el('div', 'meta', 'Earlier: ' + t.earlier.join(' / ')));
      li.append(row);
      list.append(li);
    });
  }

  // ── ratings (customers rate the chat after it ends) ──
  function refreshRatings() {
    return api('GET', '/api/agent/ratings?days=30').then(renderRatings).catch(function () { /* ratings are a nicety: never block the console */ });
  }
  function renderRatings(r) {
    var list = $('ratings');
    list.replaceChildren();
    $('ratings-average').textContent = r.average === null ? '–' : r.average.toFixed(1) + ' / 5';
    $('ratings-empty').hidden = r.ratings.length > 0;
    r.ratings.slice(0, 10).forEach(function (x) {
      var li = el('li', 'item');
      li.setAttribute('data-conversation-id', x.conversationId);
      var row = el('div', 'row');
      row.append(el('span', 'who', '★'.repeat(x.rating) + '☆'.repeat(5 - x.rating)), el('span', 'wait', x.endedAt ? clock(x.endedAt) : ''));
      li.append(row);
      if (x.comment) li.append(el('div', 'summary', x.comment));
      list.append(li);
    });
  }

  // ── start ──
  api('GET', '/auth/me').then(function (r) { begin(r.user, r.csrfToken); }).catch(function () { showSignIn(); });
})();
