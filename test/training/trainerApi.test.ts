import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readModelFiles } from '../../nlu/models/modelFiles';
import { trainVersion } from '../../training/trainVersion';
import { signIn, startTrainerServer, type TrainerServer } from './support/trainerServer';
import { tinyCorpusDir } from './support/tinyCorpus';

const item = (text: string, conversationId = 'c1') => ({
  conversationId,
  text,
  reason: 'fallback' as const,
  intent: 'none',
  score: 0.2,
  ranking: [{ intent: 'none', score: 0.2 }],
  decision: 'fallback',
  at: new Date().toISOString(),
});

describe('trainer API', function () {
  this.timeout(180_000);
  let s: TrainerServer;
  before(async () => {
    s = await startTrainerServer();
  });
  after(async () => s?.close());

  it('is for trainers and admins only: 401 without a session, 403 for agents or without the CSRF token', async () => {
    for (const p of ['/trainer/api/inbox', '/trainer/api/models', '/admin/model']) {
      assert.equal((await fetch(`${s.url}${p}`)).status, 401, p);
    }
    const sam = await signIn(s.url, 'sam');
    assert.equal((await sam.call('GET', '/trainer/api/inbox')).status, 403);
    assert.equal((await sam.call('GET', '/admin/model')).status, 403);
    assert.equal((await sam.call('POST', `/trainer/api/models/${s.model.version}/rollback`)).status, 403);
    assert.equal((await sam.call('POST', '/trainer/api/models/train')).status, 403);
    const tara = await signIn(s.url, 'tara');
    assert.equal((await tara.call('POST', '/trainer/api/models/train', undefined, { csrf: false })).status, 403);
    assert.equal((await tara.call('POST', `/trainer/api/models/${s.model.version}/publish`, undefined, { csrf: false })).status, 403);
    const ada = await signIn(s.url, 'ada');
    const model = await ada.call('GET', '/admin/model');
    assert.equal(model.status, 200);
    assert.equal(model.body.active.version, s.model.version);
    assert.equal(model.body.active.publishedBy, 'system (start-up)');
    assert.equal(model.body.active.scorecard.inScopeAccuracy, 1);
    assert.equal(model.body.serving.version, s.model.version);
    assert.equal((await fetch(`${s.url}/trainer/api/inbox`, { method: 'DELETE' })).status, 405);
  });

  it('lists what the bot missed, and labels it: assigned to an intent or out of scope goes to the corpus file; dismissed does not', async () => {
    const tara = await signIn(s.url, 'tara');
    const reply = await s.say('is my hamster allowed to eat grapes, write to me at pet.owner@example.com');
    assert.match(reply, /didn't understand/);
    let listed: { status: number; body: any };
    const end = Date.now() + 5000;
    do listed = await tara.call('GET', '/trainer/api/inbox?status=open&sort=newest');
    while (listed.body.total === 0 && Date.now() < end);
    assert.equal(listed.status, 200);
    const missed = listed.body.items[0];
    assert.equal(missed.reason, 'fallback');
    assert.match(missed.text, /write to me at \[email\]/);

    const a = await s.trainer.inbox.add(item('yo whats good'));
    const b = await s.trainer.inbox.add(item('can you fix my car'));
    const accepted = await tara.call('POST', `/trainer/api/inbox/${a.id}`, { action: 'accept', intent: 'greeting' });
    assert.equal(accepted.status, 200);
    assert.equal(accepted.body.item.status, 'accepted');
    assert.deepEqual([accepted.body.item.resolution.intent, accepted.body.item.resolution.by], ['greeting', 'tara']);
    assert.equal(accepted.body.addedToCorpus, true);
    assert.equal((await tara.call('POST', `/trainer/api/inbox/${b.id}`, { action: 'out_of_scope' })).body.item.status, 'out_of_scope');
    assert.equal((await tara.call('POST', `/trainer/api/inbox/${missed.id}`, { action: 'dismiss' })).body.item.status, 'dismissed');

    const file = JSON.parse(readFileSync(path.join(s.corpusDir, 'reviewed.json'), 'utf8'));
    assert.deepEqual(file.data, [
      { intent: 'greeting', utterances: ['yo whats good'] },
      { intent: 'None', utterances: ['can you fix my car'] },
    ]);
    assert.equal((await tara.call('POST', `/trainer/api/inbox/${a.id}`, { action: 'dismiss' })).status, 409, 'reviewed once');
    const c = await s.trainer.inbox.add(item('whatever'));
    assert.equal((await tara.call('POST', `/trainer/api/inbox/${c.id}`, { action: 'accept', intent: 'rocket.launch' })).status, 422);
    assert.equal((await tara.call('POST', `/trainer/api/inbox/${c.id}`, { action: 'explode' })).status, 422);
    assert.equal((await tara.call('POST', '/trainer/api/inbox/nope', { action: 'dismiss' })).status, 404);
    assert.equal((await tara.call('GET', '/trainer/api/inbox?status=accepted')).body.total, 1);
  });

  it('trains a new version in a child process (with the reviewed utterances), publishes it, and rolls back', async () => {
    const tara = await signIn(s.url, 'tara');
    const before = s.model.version;
    const started = await tara.call('POST', '/trainer/api/models/train');
    assert.equal(started.status, 202);
    assert.equal((await tara.call('POST', '/trainer/api/models/train')).status, 409, 'one job at a time');
    let job: any;
    const end = Date.now() + 120_000;
    do {
      await new Promise((r) => setTimeout(r, 250));
      job = (await tara.call('GET', '/trainer/api/job')).body.job;
    } while (job.state === 'running' && Date.now() < end);
    assert.equal(job.state, 'succeeded', job.error);
    assert.ok(job.lines.some((l: string) => /evaluated/.test(l)), 'progress is reported');
    const version = job.version as string;
    const entry = (await tara.call('GET', '/trainer/api/models')).body.entries.find((e: any) => e.version === version);
    assert.ok(entry.scorecard, 'evaluated on the test set');
    assert.equal(entry.examples, 34, 'the 32 utterances of tiny.json plus the 2 reviewed ones');
    const report = await fetch(`${s.url}/trainer/api/models/${version}/report`, { headers: { cookie: tara.cookie } });
    assert.equal(report.status, 200);
    assert.match(report.headers.get('content-security-policy')!, /default-src 'none'/);
    assert.match(await report.text(), /Confusion matrix/);

    const published = await tara.call('POST', `/trainer/api/models/${version}/publish`);
    assert.equal(published.status, 200, JSON.stringify(published.body));
    assert.equal(published.body.active.version, version);
    assert.equal(published.body.active.publishedBy, 'tara');
    const deadline = Date.now() + 10_000;
    while (s.model.version !== version && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    assert.equal(s.model.version, version, 'the instance switched without a restart');
    assert.match(await s.say('yo whats good'), /Hello/, 'the reviewed utterance is understood now');
    const adminView = (await (await signIn(s.url, 'ada')).call('GET', '/admin/model')).body;
    assert.deepEqual([adminView.active.version, adminView.active.publishedBy], [version, 'tara']);

    const rolled = await tara.call('POST', `/trainer/api/models/${before}/rollback`);
    assert.equal(rolled.status, 200);
    assert.equal(rolled.body.active.version, before);
    while (s.model.version !== before && Date.now() < deadline + 10_000) await new Promise((r) => setTimeout(r, 25));
    assert.equal(s.model.version, before);
    assert.equal((await tara.call('POST', `/trainer/api/models/${before}/rollback`)).status, 409);
    assert.equal((await tara.call('POST', '/trainer/api/models/20990101T000000-000000000000/publish')).status, 404);
  });

  it('refuses to publish a worse model with the reasons (422)', async () => {
    const tara = await signIn(s.url, 'tara');
    const bad = tinyCorpusDir({}, ['greeting']);
    const trained = await trainVersion({ corpus: bad, versionsDir: path.join(bad, 'versions'), folds: 0 });
    await s.registry.add(await readModelFiles(trained.dir), { by: 'tara', probes: trained.probes });
    const refused = await tara.call('POST', `/trainer/api/models/${trained.version}/publish`);
    assert.equal(refused.status, 422);
    assert.equal(refused.body.code ?? refused.body.type?.split('/').pop(), 'quality_gate_failed');
    assert.ok(refused.body.reasons.some((r: string) => /F1 of greeting drops/.test(r)), JSON.stringify(refused.body));
    const check = await tara.call('POST', `/trainer/api/models/${trained.version}/check`);
    assert.equal(check.body.passed, false);
    assert.notEqual(s.model.version, trained.version);
  });
});
