// PawSupport chat page: picks a demo customer (demo mode), gets a chat token from our server,
// and runs the official Web Chat against our Direct Line compatible channel.
// Everything shown is set with textContent: nothing from the server or the user becomes HTML.
(function () {
  'use strict';

  var script = document.currentScript;
  var NONCE = (script && script.nonce) || '';
  var DEMO = script && script.getAttribute('data-demo') === 'true';
  var STORE_KEY = 'pawsupport.chat.v1';
  var DOMAIN = location.origin + '/v3/directline';

  var $ = function (id) { return document.getElementById(id); };
  var ui = {
    status: $('status'), statusText: $('status-text'),
    picker: $('picker'), customers: $('customers'), pickerError: $('picker-error'), anonymous: $('anonymous'),
    notice: $('notice'), noticeTitle: $('notice-title'), noticeText: $('notice-text'), noticeAction: $('notice-action'),
    chat: $('chat'), who: $('who'), newChat: $('new-chat'), webchat: $('webchat'),
  };

  var STATUS_TEXT = {
    idle: 'Not connected', connecting: 'Connecting…', online: 'Online', reconnecting: 'Reconnecting…',
    offline: 'You are offline', ended: 'Chat ended',
  };
  var current = { directLine: null, subscription: null, socket: null, saveTimer: 0 };

  function setStatus(state) {
    if (!navigator.onLine && state !== 'ended') state = 'offline';
    ui.status.setAttribute('data-state', state);
    ui.statusText.textContent = STATUS_TEXT[state] || state;
  }

  // Web Chat's CSS-in-JS takes the nonce, but one of its parts (react-scroll-to-bottom) does not
  // pass it on; without its styles the transcript cannot scroll. Style elements created by our
  // own scripts get the nonce; markup-injected styles still do not, so the CSP stays strict.
  var nativeCreateElement = document.createElement;
  document.createElement = function (tagName, options) {
    var el = nativeCreateElement.call(document, tagName, options);
    if (NONCE && String(tagName).toLowerCase() === 'style' && !el.nonce) el.setAttribute('nonce', NONCE);
    return el;
  };

  // directlinejs keeps reporting "online" while it re-opens a dropped stream, so the page
  // watches the stream socket itself (observing only: the socket is the browser's own).
  var NativeWebSocket = window.WebSocket;
  function ObservedWebSocket(url, protocols) {
    var ws = protocols === undefined ? new NativeWebSocket(url) : new NativeWebSocket(url, protocols);
    if (String(url).indexOf('/v3/directline/') !== -1) {
      current.socket = ws;
      setStatus('connecting');
      ws.addEventListener('open', function () { if (current.socket === ws) setStatus('online'); });
      ws.addEventListener('close', function () { if (current.socket === ws && current.directLine) setStatus('reconnecting'); });
    }
    return ws;
  }
  ObservedWebSocket.prototype = NativeWebSocket.prototype;
  ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'].forEach(function (k) { ObservedWebSocket[k] = NativeWebSocket[k]; });
  window.WebSocket = ObservedWebSocket;
  window.addEventListener('online', function () { setStatus(current.socket && current.socket.readyState === 1 ? 'online' : 'reconnecting'); });
  window.addEventListener('offline', function () { setStatus('offline'); });

  // ── session: token + conversation survive a reload (same tab, within the token's life) ──
  function loadSession() {
    try {
      var s = JSON.parse(sessionStorage.getItem(STORE_KEY) || 'null');
      if (s && typeof s.token === 'string' && typeof s.conversationId === 'string') return s;
    } catch (e) { /* unreadable: start over */ }
    return null;
  }
  function saveSession(s) {
    try { sessionStorage.setItem(STORE_KEY, JSON.stringify(s)); } catch (e) { /* private mode: no resume */ }
  }
  function clearSession() {
    try { sessionStorage.removeItem(STORE_KEY); } catch (e) { /* ignore */ }
  }

  function show(section) {
    ui.picker.hidden = section !== 'picker';
    ui.notice.hidden = section !== 'notice';
    ui.chat.hidden = section !== 'chat';
  }

  function notice(title, text, actionLabel) {
    ui.noticeTitle.textContent = title;
    ui.noticeText.textContent = text;
    ui.noticeAction.hidden = !actionLabel;
    if (actionLabel) ui.noticeAction.textContent = actionLabel;
    show('notice');
  }

  function api(path, body) {
    return fetch(path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? { Accept: 'application/json' } : { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (json) {
        if (!res.ok) throw new Error(json.detail || 'The server answered ' + res.status + '.');
        return json;
      });
    });
  }

  // ── demo customer picker ──
  function showPicker() {
    stopChat();
    setStatus('idle');
    if (!DEMO) {
      notice('Chat is embedded by the shop', 'Demo mode is off on this server: the shop’s own pages open the chat with a token from POST /api/chat/token.');
      return;
    }
    show('picker');
    ui.pickerError.hidden = true;
    ui.customers.setAttribute('aria-busy', 'true');
    ui.customers.replaceChildren();
    api('/api/demo/customers').then(function (json) {
      var list = Array.isArray(json.customers) ? json.customers : [];
      list.forEach(function (c) {
        var li = document.createElement('li');
        var b = document.createElement('button');
        b.type = 'button';
        b.className = 'customer';
        b.setAttribute('data-customer-id', String(c.id));
        var initial = document.createElement('span');
        initial.className = 'initial';
        initial.setAttribute('aria-hidden', 'true');
        initial.textContent = (String(c.name || c.id).trim().charAt(0) || '?').toUpperCase();
        var name = document.createElement('span');
        name.className = 'name';
        name.textContent = String(c.name || c.id);
        var id = document.createElement('span');
        id.className = 'id';
        id.textContent = String(c.id);
        b.append(initial, name, id);
        b.addEventListener('click', function () { begin(String(c.id), String(c.name || c.id)); });
        li.append(b);
        ui.customers.append(li);
      });
    }).catch(function (err) {
      ui.pickerError.textContent = err.message + ' You can still chat anonymously.';
      ui.pickerError.hidden = false;
    }).then(function () {
      ui.customers.setAttribute('aria-busy', 'false');
    });
  }

  function begin(customerId, label) {
    setStatus('connecting');
    api('/api/demo/token', customerId ? { customerId: customerId } : {}).then(function (json) {
      var session = { token: json.token, conversationId: json.conversationId, label: label, resume: false };
      saveSession(session);
      startChat(session);
    }).catch(function (err) {
      setStatus('idle');
      ui.pickerError.textContent = err.message;
      ui.pickerError.hidden = false;
    });
  }

  // ── the chat ──
  function stopChat() {
    if (current.subscription) current.subscription.unsubscribe();
    if (current.directLine) try { current.directLine.end(); } catch (e) { /* already ended */ }
    clearInterval(current.saveTimer);
    current.directLine = null;
    current.subscription = null;
    current.socket = null;
  }

  function startChat(session) {
    if (!window.WebChat) {
      notice('Chat could not load', 'The chat component did not load. Check your connection and reload the page.');
      return;
    }
    stopChat();
    show('chat');
    ui.who.textContent = session.label ? 'Chatting as ' + session.label : 'Chatting anonymously';
    setStatus('connecting');

    // A fresh token starts its conversation (POST /conversations); after a reload we reconnect to
    // it by id, and the server replays the whole history to the empty transcript.
    var options = { domain: DOMAIN, token: session.token, webSocket: true };
    if (session.resume) options.conversationId = session.conversationId;
    var directLine = window.WebChat.createDirectLine(options);
    current.directLine = directLine;

    var persist = function () {
      if (current.directLine !== directLine || !directLine.token) return;
      saveSession({ token: directLine.token, conversationId: directLine.conversationId || session.conversationId, label: session.label, resume: true });
    };
    current.saveTimer = setInterval(persist, 15000);
    current.subscription = directLine.connectionStatus$.subscribe(function (s) {
      // 1 connecting, 2 online, 3 expired token, 4 failed to connect, 5 ended
      if (s === 1) setStatus('connecting');
      else if (s === 2) { persist(); if (!current.socket || current.socket.readyState === 1) setStatus('online'); }
      else if (s === 3 || s === 4 || s === 5) {
        setStatus('ended');
        clearSession();
        notice(
          s === 4 ? 'We could not reach the chat' : 'This chat has ended',
          s === 4 ? 'The chat service did not answer. Please try again in a moment.' : 'Chats end after a while without activity. You can start a new one.',
          'Start a new chat'
        );
      }
    });

    window.WebChat.renderWebChat({
      directLine: directLine,
      locale: 'en-US',
      nonce: NONCE,
      // A human agent who takes over the chat sees "customer is typing…" (the bot ignores it).
      sendTypingIndicator: true,
      styleOptions: {
        accent: '#e8702a',
        backgroundColor: '#fffdf9',
        primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
        bubbleBackground: '#ffffff',
        bubbleBorderColor: '#efdfcf',
        bubbleBorderWidth: 1,
        bubbleBorderRadius: 14,
        bubbleTextColor: '#2b2420',
        bubbleFromUserBackground: '#2f6f5e',
        bubbleFromUserTextColor: '#ffffff',
        bubbleFromUserBorderRadius: 14,
        bubbleFromUserBorderWidth: 0,
        bubbleMaxWidth: 520,
        botAvatarImage: '/chat/assets/paw.svg',
        botAvatarInitials: 'PS',
        botAvatarBackgroundColor: '#e8702a',
        userAvatarInitials: 'You',
        userAvatarBackgroundColor: '#2f6f5e',
        avatarSize: 34,
        groupTimestamp: 60000,
        timestampFormat: 'absolute',
        timestampColor: '#8a7b70',
        hideUploadButton: true,
        // Markdown yes, raw HTML no: a bot that repeats the user's words must not turn them into markup.
        markdownRenderHTML: false,
        sendBoxHeight: 52,
        sendBoxButtonColor: '#e8702a',
        sendBoxPlaceholderColor: '#8a7b70',
        suggestedActionLayout: 'flow',
        suggestedActionBackgroundColor: '#fff3e8',
        suggestedActionBorderColor: '#e8702a',
        suggestedActionBorderWidth: 1,
        suggestedActionBorderRadius: 18,
        suggestedActionTextColor: '#b9521a',
        suggestedActionHeight: 36,
      },
    }, ui.webchat);
    var input = ui.webchat.querySelector('input[type="text"], textarea');
    if (input) input.focus();
  }

  ui.anonymous.addEventListener('click', function () { begin(null, ''); });
  // A new chat is a fresh page: Web Chat is rendered once per page, with one connection.
  var restart = function () { stopChat(); clearSession(); location.reload(); };
  ui.newChat.addEventListener('click', restart);
  ui.noticeAction.addEventListener('click', restart);
  window.addEventListener('pagehide', function () {
    if (current.directLine && current.directLine.token) {
      var s = loadSession();
      if (s) { s.token = current.directLine.token; s.resume = true; saveSession(s); }
    }
  });

  var saved = loadSession();
  if (saved) {
    saved.resume = true;
    startChat(saved);
  } else {
    showPicker();
  }
})();
