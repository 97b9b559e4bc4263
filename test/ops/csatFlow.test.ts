import assert from 'node:assert/strict';
import type { BotEventMap } from '../../bot/botEvents';
import { startBotHarness, transcript, type BotHarness } from '../support/botHarness';

type CsatEvent = BotEventMap['csat'][0];

describe('customer satisfaction survey (transcripts)', function () {
  this.timeout(60_000);
  let h: BotHarness;
  let csat: CsatEvent[];
  const routedTexts: string[] = [];
  const start = async (customerId: string | null = 'cus-ava') => {
    h = await startBotHarness({ customerId });
    csat = [];
    routedTexts.length = 0;
    h.bot.events.on('csat', (e) => csat.push(e));
    h.bot.events.on('routed', (e) => routedTexts.push(e.maskedText));
  };
  afterEach(async () => h?.close());

  it('after goodbye: asks for a 1–5 rating with buttons, then an optional comment; neither is classified', async () => {
    await start();
    await transcript(h, [
      ['how many points do I have', /3,450 points/],
      ['bye', (r) => {
        assert.match(r.text, /Thanks for chatting with PawSupport/);
        assert.match(r.text, /how did we do today\?/i);
        assert.deepEqual(r.suggestions, ['5 - Excellent', '4 - Good', '3 - Okay', '2 - Poor', '1 - Very poor']);
      }],
      ['4 - Good', (r) => {
        assert.match(r.text, /Anything you would like to tell us\?/);
        assert.deepEqual(r.suggestions, ['No comment']);
      }],
      ['Fast answer, card 4111 1111 1111 1111 was not needed', /Thanks for your feedback/],
    ]);
    assert.deepEqual(routedTexts, ['how many points do I have', 'bye'], 'the rating and the comment never reach the classifier');
    assert.deepEqual(csat.map((e) => [e.stage, e.trigger, e.rating]), [['asked', 'goodbye', undefined], ['rated', 'goodbye', 4], ['commented', 'goodbye', 4]]);
    assert.doesNotMatch(csat[2]!.comment!, /4111 1111 1111 1111/, 'the comment is masked');
    assert.match(csat[2]!.comment!, /^Fast answer/);
  });

  it('accepts typed ratings and a skipped comment; asks only once per conversation', async () => {
    await start();
    await transcript(h, [
      ['goodbye', /how did we do/i],
      ['five stars', /Anything you would like to tell us/],
      ['No comment', /Thanks for your feedback/],
      ['where is my order?', /PS-10042/],
      ['bye', (r) => {
        assert.match(r.text, /Thanks for chatting/);
        assert.doesNotMatch(r.text, /how did we do/i, 'not asked twice');
      }],
    ]);
    assert.deepEqual(csat.map((e) => [e.stage, e.rating]), [['asked', undefined], ['rated', 5], ['skipped', 5]]);
  });

  it('a message that is not a rating ends the survey and is answered normally', async () => {
    await start();
    await transcript(h, [
      ['bye', /how did we do/i],
      ['actually, where is my order?', /PS-10042/],
    ]);
    assert.deepEqual(csat.map((e) => e.stage), ['asked', 'skipped']);
    assert.ok(routedTexts.includes('actually, where is my order?'));
  });

  it('after an agent ends the chat: asks how the team did', async () => {
    await start();
    await transcript(h, [['let me speak to an agent', /support team/]]);
    await h.handoffStatus({ state: 'accepted', agentName: 'Sam' });
    const back = await h.handoffStatus({ state: 'completed' });
    assert.match(back.text, /I'm back/);
    assert.match(back.text, /How did our team do in this chat\?/);
    assert.deepEqual(back.suggestions, ['5 - Excellent', '4 - Good', '3 - Okay', '2 - Poor', '1 - Very poor']);
    await transcript(h, [
      ['2', /Anything you would like to tell us/],
      ['took a while to get an answer', /Thanks for your feedback/],
    ]);
    assert.deepEqual(csat.map((e) => [e.stage, e.trigger, e.rating, e.comment]), [
      ['asked', 'agent', undefined, undefined],
      ['rated', 'agent', 2, undefined],
      ['commented', 'agent', 2, 'took a while to get an answer'],
    ]);
  });

  it('goodbye to an anonymous visitor also asks', async () => {
    await start(null);
    await transcript(h, [['bye', /how did we do/i], ['1', /Anything you would like/]]);
    assert.equal(csat[1]!.rating, 1);
  });
});
