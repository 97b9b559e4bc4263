// The trainer page: review inbox and model panel. Every text from the server is set with
// textContent (never innerHTML), so nothing a customer typed can run here.
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  let csrf = '';
  let intents = [];
  let jobTimer = 0;

  /** Creates an element with a class and text. */
  function el(tag, opts = {}, children = []) {
    const e = document.createElement(tag);
    if (opts.className) e.className = opts.className;
    if (opts.text !== undefined) e.textContent = String(opts.text);
    if (opts.title) e.title = opts.title;
    for (const [k, v] of Object.entries(opts.attrs || {})) e.setAttribute(k, v);
    for (const c of children) if (c) e.append(c);
    return e;
  }
  const pct = (x) => (x === null || x === undefined ? '–' : `${(100 * x).toFixed(1)} %`);
  const when = (iso) => (iso ? new Date(iso).toLocaleString() : '–');

  async function api(method, url, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') headers['X-CSRF-Token'] = csrf;
    const res = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    const data = res.status === 204 ? null : await res.json().catch(() => null);
    if (!res.ok) {
      const err = new Error((data && (data.detail || data.title)) || `HTTP ${res.status}`);
      err.status = res.status;
      err.problem = data;
      throw err;
    }
    return data;
  }

  function showError(box, err) {
    box.replaceChildren(el('span', { text: err.message }));
    const reasons = err.problem && err.problem.reasons;
    if (Array.isArray(reasons) && reasons.length) box.append(el('ul', {}, reasons.map((r) => el('li', { text: r }))));
    box.hidden = false;
  }

  // ── sign-in ───────────────────────────────────────────────────────────
  async function start() {
    try {
      const me = await api('GET', '/auth/me');
      if (!me.user.roles.includes('trainer') && !me.user.roles.includes('admin')) {
        showSignIn('This page needs the trainer or admin role. Sign in with another account.');
        return;
      }
      csrf = me.csrfToken;
      $('who-name').textContent = me.user.displayName || me.user.username;
      $('who').hidden = false;
      $('sign-in').hidden = true;
      $('workspace').hidden = false;
      await loadIntents();
      await Promise.all([loadInbox(), loadModels(), loadJob()]);
    } catch (err) {
      if (err.status === 401) showSignIn();
      else showSignIn(err.message);
    }
  }

  function showSignIn(message) {
    $('workspace').hidden = true;
    $('who').hidden = true;
    $('sign-in').hidden = false;
    const box = $('sign-in-error');
    box.hidden = !message;
    box.textContent = message || '';
  }

  $('sign-in-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api('POST', '/auth/login', { username: $('username').value, password: $('password').value });
      $('password').value = '';
      await start();
    } catch (err) {
      showSignIn(err.message);
    }
  });
  $('sign-out').addEventListener('click', async () => {
    await api('POST', '/auth/logout').catch(() => undefined);
    showSignIn();
  });

  // ── review inbox ──────────────────────────────────────────────────────
  async function loadIntents() {
    intents = (await api('GET', '/trainer/api/intents')).intents;
    const filter = $('f-intent');
    const current = filter.value;
    filter.replaceChildren(el('option', { text: 'any', attrs: { value: '' } }), ...intents.map((i) => el('option', { text: i, attrs: { value: i } })), el('option', { text: 'none (out of scope)', attrs: { value: 'none' } }));
    filter.value = current;
  }

  function query() {
    const p = new URLSearchParams({ status: $('f-status').value, sort: $('f-sort').value, limit: '100' });
    if ($('f-reason').value) p.set('reason', $('f-reason').value);
    if ($('f-intent').value) p.set('intent', $('f-intent').value);
    if ($('f-q').value.trim()) p.set('q', $('f-q').value.trim());
    return p.toString();
  }

  const REASONS = { fallback: 'fallback', clarify: 'clarifying question', low_confidence: 'low confidence', handoff: 'handoff' };

  async function loadInbox() {
    const box = $('inbox-error');
    try {
      const { items, total } = await api('GET', `/trainer/api/inbox?${query()}`);
      box.hidden = true;
      $('inbox-count').textContent = `${total} item${total === 1 ? '' : 's'}`;
      $('items').replaceChildren(...items.map(row));
      $('items-empty').hidden = items.length > 0;
    } catch (err) {
      if (err.status === 401) return showSignIn();
      showError(box, err);
    }
  }

  function row(item) {
    const tr = el('tr', { attrs: { 'data-id': item.id } });
    const why = el('td', {}, [el('span', { className: 'tag', text: REASONS[item.reason] || item.reason })]);
    if (item.handoffReason) why.append(el('div', { className: 'score', text: item.handoffReason.replace(/_/g, ' ') }));
    const model = el('td', {}, [el('div', { text: item.intent }), el('div', { className: 'score', text: `score ${item.score.toFixed(2)}`, title: item.ranking.map((r) => `${r.intent} ${r.score}`).join(', ') })]);
    const agent = el('td', { text: item.agentLabel || '–', title: item.agentLabelledBy ? `labelled by ${item.agentLabelledBy}` : '' });
    tr.append(el('td', { className: 'score', text: when(item.at) }), el('td', { className: 'text', text: item.text }), why, model, agent, el('td', {}, [reviewCell(item)]));
    return tr;
  }

  function reviewCell(item) {
    if (item.status !== 'open') {
      const label = item.status === 'accepted' ? `→ ${item.resolution && item.resolution.intent}` : item.status.replace(/_/g, ' ');
      return el('span', { className: `tag ${item.status === 'dismissed' ? 'off' : 'done'}`, text: label, title: item.resolution ? `${item.resolution.by}, ${when(item.resolution.at)}` : '' });
    }
    const select = el('select', { attrs: { 'aria-label': 'intent', class: 'assign-intent' } }, intents.map((i) => el('option', { text: i, attrs: { value: i } })));
    const suggested = item.agentLabel && intents.includes(item.agentLabel) ? item.agentLabel : intents.includes(item.intent) ? item.intent : intents[0];
    if (suggested) select.value = suggested;
    const assign = el('button', { text: 'Assign', attrs: { type: 'button', class: 'assign' } });
    const oos = el('button', { text: 'Out of scope', className: 'secondary', attrs: { type: 'button' } });
    const dismiss = el('button', { text: 'Dismiss', className: 'secondary', attrs: { type: 'button' } });
    const act = (body) => async () => {
      for (const b of [assign, oos, dismiss]) b.disabled = true;
      try {
        await api('POST', `/trainer/api/inbox/${encodeURIComponent(item.id)}`, body);
        await loadInbox();
      } catch (err) {
        showError($('inbox-error'), err);
        for (const b of [assign, oos, dismiss]) b.disabled = false;
      }
    };
    assign.addEventListener('click', () => act({ action: 'accept', intent: select.value })());
    oos.addEventListener('click', act({ action: 'out_of_scope' }));
    dismiss.addEventListener('click', act({ action: 'dismiss' }));
    return el('div', { className: 'review' }, [select, assign, oos, dismiss]);
  }

  let typing = 0;
  $('filters').addEventListener('change', () => void loadInbox());
  $('f-q').addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => void loadInbox(), 300);
  });
  $('filters').addEventListener('submit', (e) => e.preventDefault());

  // ── model panel ───────────────────────────────────────────────────────
  async function loadModels() {
    const s = await api('GET', '/trainer/api/models');
    const facts = $('active');
    const fact = (k, v) => [el('dt', { text: k }), el('dd', { text: v })];
    const a = s.active;
    facts.replaceChildren(
      ...fact('Active version', a ? a.version : 'none published yet'),
      ...fact('Published', a ? `${when(a.publishedAt)} by ${a.publishedBy}` : '–'),
      ...fact('This instance serves', s.serving.version),
      ...fact('Trained on', a ? `${a.examples} examples, ${a.intents.length} labels` : '–'),
    );
    const m = a && a.scorecard;
    const metric = (k, v) => el('div', { className: 'metric' }, [el('div', { className: 'k', text: k }), el('div', { className: 'v', text: v })]);
    $('metrics').replaceChildren(
      metric('In-scope accuracy', m ? pct(m.inScopeAccuracy) : '–'),
      metric('Out-of-scope recall', m ? pct(m.oosRecall) : '–'),
      metric('Out-of-scope precision', m ? pct(m.oosPrecision) : '–'),
      metric('Macro-F1', m ? m.macroF1.toFixed(3) : '–'),
    );
    $('versions').replaceChildren(...s.entries.map((e) => versionRow(e, s.active ? s.active.version : null)));
    $('history').replaceChildren(...s.history.slice(0, 10).map((h) => el('li', { text: `${when(h.at)}: ${h.action} ${h.version} by ${h.by}` })));
  }

  function versionRow(e, active) {
    const btns = el('div', { className: 'btns' });
    const add = (text, cls, fn) => {
      const b = el('button', { text, className: cls, attrs: { type: 'button', 'data-action': text.toLowerCase() } });
      b.addEventListener('click', fn);
      btns.append(b);
    };
    add('Report', 'secondary', () => window.open(`/trainer/api/models/${encodeURIComponent(e.version)}/report`, '_blank', 'noopener'));
    add('Evaluate', 'secondary', () => void startJob(`/trainer/api/models/${encodeURIComponent(e.version)}/evaluate`));
    if (e.version !== active) {
      if (e.publishedAt) add('Roll back', 'danger', () => void modelAction(`/trainer/api/models/${encodeURIComponent(e.version)}/rollback`, `Rolled back to ${e.version}.`));
      else add('Publish', '', () => void modelAction(`/trainer/api/models/${encodeURIComponent(e.version)}/publish`, `Published ${e.version}: every instance is switching to it.`));
    }
    const status = e.version === active ? 'active' : e.publishedAt ? 'published before' : 'not published';
    const v = el('td', {}, [el('div', { className: 'v', text: e.version }), el('span', { className: `tag ${e.version === active ? 'done' : 'off'}`, text: status }), el('div', { className: 'score', text: `by ${e.addedBy}` })]);
    return el('tr', { attrs: { 'data-version': e.version } }, [v, el('td', { text: e.scorecard ? pct(e.scorecard.inScopeAccuracy) : '–' }), el('td', { text: e.scorecard ? pct(e.scorecard.oosRecall) : '–' }), el('td', {}, [btns])]);
  }

  async function modelAction(url, success) {
    $('model-error').hidden = true;
    $('model-notice').hidden = true;
    try {
      await api('POST', url);
      $('model-notice').textContent = success;
      $('model-notice').hidden = false;
      // Instances switch a moment later: show what this one serves once it has.
      setTimeout(() => void loadModels().catch(() => undefined), 1500);
    } catch (err) {
      showError($('model-error'), err);
    }
    await loadModels();
  }

  async function startJob(url) {
    $('model-error').hidden = true;
    try {
      await api('POST', url);
    } catch (err) {
      showError($('model-error'), err);
    }
    await loadJob();
  }

  $('train').addEventListener('click', () => void startJob('/trainer/api/models/train'));

  async function loadJob() {
    clearTimeout(jobTimer);
    const { job } = await api('GET', '/trainer/api/job');
    const box = $('job');
    if (!job) {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    $('job-title').textContent = job.kind === 'train' ? 'Training' : `Evaluating ${job.version}`;
    $('job-state').textContent = job.state === 'running' ? '… running' : job.state === 'succeeded' ? `done${job.version ? `: ${job.version}` : ''}` : `failed: ${job.error || ''}`;
    $('job-state').className = job.state === 'failed' ? 'error' : job.state === 'succeeded' ? 'notice' : '';
    $('job-lines').textContent = job.lines.join('\n');
    $('train').disabled = job.state === 'running';
    if (job.state === 'running') jobTimer = setTimeout(() => void loadJob(), 1000);
    else await loadModels();
  }

  void start();
})();
