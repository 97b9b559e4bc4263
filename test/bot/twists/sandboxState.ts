import assert from 'node:assert/strict';
import type { BotHarness } from '../../support/botHarness';
import { call } from '../../support/sandboxServer';

/** What the sandbox holds now: the facts a conversation test asserts after the transcript. */
export const state = {
  subscription: async (h: BotHarness, customerId: string, id: string) => (await call(h.sandbox, 'GET', `/v1/customers/${customerId}/subscriptions/${id}`)).body,
  points: async (h: BotHarness, customerId: string) => (await call(h.sandbox, 'GET', `/v1/customers/${customerId}/rewards`)).body.points as number,
  giftCardCents: async (h: BotHarness, customerId: string, number: string, pin: string) =>
    (await call(h.sandbox, 'POST', `/v1/customers/${customerId}/gift-cards/balance`, { number, pin })).body.balanceCents as number,
  /** Every subscription of the customer is exactly as seeded (version 1). */
  untouched: async (h: BotHarness, customerId: string) => {
    const list = (await call(h.sandbox, 'GET', `/v1/customers/${customerId}/subscriptions`)).body.subscriptions as { id: string; version: number }[];
    for (const s of list) assert.equal(s.version, 1, `${s.id} was changed`);
  },
};

/** No handoff was started in these replies. */
export const noHandoff = (r: { events: { name?: string }[] }) => assert.ok(!r.events.some((e) => e.name === 'handoff.initiate'), 'unexpected handoff');
