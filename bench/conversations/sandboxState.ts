import { z } from 'zod';
import { CustomerList } from '../../contracts/customers';
import { GiftCardBalance } from '../../contracts/giftCards';
import { Rewards, RewardsTransactionPage } from '../../contracts/rewards';
import { OrderList } from '../../contracts/shipping';
import { SubscriptionList } from '../../contracts/subscriptions';

/** What the judge compares of one subscription (not its version or timestamps). */
export interface SubscriptionState {
  status: string;
  pausedUntil: string | null;
  nextDeliveryDate: string | null;
  frequencyWeeks: number;
  quantity: number;
  cancelReason: string | null;
}

/** One customer's account as the sandbox reports it. */
export interface AccountState {
  subscriptions: Record<string, SubscriptionState>;
  points: number;
  lifetimePoints: number;
  storeCreditCents: number;
  rewardsTransactions: number;
  /** Order id → shipping status. */
  orders: Record<string, string>;
}

/** Every account and every known gift card. */
export interface SandboxState {
  accounts: Record<string, AccountState>;
  /** Card number → balance and status, or `locked`. */
  giftCards: Record<string, { balanceCents: number; status: string } | 'locked'>;
}

/** A card the reader may look up (number and PIN from the sandbox seed). */
export interface KnownCard {
  number: string;
  pin: string;
}

/**
 * Reads the whole sandbox state over its HTTP API with the service token. Gift cards are read
 * with their right PIN, which also clears their failed-attempt counters (locked cards stay locked).
 */
export async function readSandboxState(baseUrl: string, token: string, cards: readonly KnownCard[]): Promise<SandboxState> {
  const call = async <T>(schema: z.ZodType<T>, path: string, body?: unknown): Promise<{ status: number; value?: T }> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) return { status: res.status };
    return { status: res.status, value: schema.parse(await res.json()) };
  };
  const must = async <T>(schema: z.ZodType<T>, path: string): Promise<T> => {
    const r = await call(schema, path);
    if (r.value === undefined) throw new Error(`sandbox GET ${path}: HTTP ${r.status}`);
    return r.value;
  };

  const { customers } = await must(CustomerList, '/v1/customers');
  const accounts: Record<string, AccountState> = {};
  for (const { id } of customers) {
    const base = `/v1/customers/${encodeURIComponent(id)}`;
    const [subs, rewards, history, orders] = await Promise.all([
      must(SubscriptionList, `${base}/subscriptions`),
      must(Rewards, `${base}/rewards`),
      must(RewardsTransactionPage, `${base}/rewards/transactions?pageSize=1`),
      must(OrderList, `${base}/orders`),
    ]);
    accounts[id] = {
      subscriptions: Object.fromEntries(
        subs.subscriptions.map((s) => [
          s.id,
          { status: s.status, pausedUntil: s.pausedUntil, nextDeliveryDate: s.nextDeliveryDate, frequencyWeeks: s.frequencyWeeks, quantity: s.quantity, cancelReason: s.cancelReason },
        ]),
      ),
      points: rewards.points,
      lifetimePoints: rewards.lifetimePoints,
      storeCreditCents: rewards.storeCreditCents,
      rewardsTransactions: history.total,
      orders: Object.fromEntries(orders.orders.map((o) => [o.id, o.status])),
    };
  }
  const giftCards: SandboxState['giftCards'] = {};
  const anyCustomer = customers[0]?.id ?? 'cus-ava';
  for (const card of cards) {
    const r = await call(GiftCardBalance, `/v1/customers/${anyCustomer}/gift-cards/balance`, { number: card.number, pin: card.pin });
    if (r.status === 429) giftCards[card.number] = 'locked';
    else if (r.value) giftCards[card.number] = { balanceCents: r.value.balanceCents, status: r.value.status };
    else throw new Error(`sandbox gift card lookup: HTTP ${r.status}`);
  }
  return { accounts, giftCards };
}

/** One difference between two states: where, and the two values. */
export interface StateChange {
  /** e.g. `cus-ava.subscriptions.sub-ava-1.status`, `giftCards.6006491234561001.balanceCents`. */
  path: string;
  before: unknown;
  after: unknown;
}

/** Every leaf that differs between `a` and `b` (added and removed keys included). */
export function diffStates(a: SandboxState, b: SandboxState): StateChange[] {
  const out: StateChange[] = [];
  const walk = (x: unknown, y: unknown, path: string) => {
    if (x !== null && y !== null && typeof x === 'object' && typeof y === 'object') {
      for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
    } else if (JSON.stringify(x) !== JSON.stringify(y)) {
      out.push({ path, before: x, after: y });
    }
  };
  walk(a.accounts, b.accounts, '');
  walk(a.giftCards, b.giftCards, 'giftCards');
  return out;
}
