import {
  Subscription,
  SubscriptionList,
  SkipResult,
  UpcomingDeliveries,
  type CancelSubscriptionRequest,
  type ModifySubscriptionRequest,
  type PauseSubscriptionRequest,
} from '../../contracts/subscriptions';
import type { z } from 'zod';
import { ApiClient, seg, type ApiClientOptions } from '../shared/apiClient';

/** Options of every subscription write. */
export interface SubscriptionWriteOptions {
  /** Makes the write safe to retry (and retried on 5xx/timeouts); reuse it for the same intent. */
  idempotencyKey?: string;
  /** The version the customer saw; a change by someone else since → ApiError 409 `version_conflict`. */
  ifMatch?: number;
}

const LIST = '/v1/customers/{customerId}/subscriptions';
const ITEM = `${LIST}/{subscriptionId}`;
const UPCOMING = '/v1/subscriptions/upcoming';

/**
 * Typed client of the subscriptions ("autoship") API. Every method returns contract types
 * and throws `ApiError` (`rejected` with the problem code, `unavailable`, `contract`).
 */
export class SubscriptionsClient extends ApiClient {
  constructor(options: ApiClientOptions) {
    super('subscriptions', options);
  }

  /** The customer's subscriptions (active, paused and cancelled), oldest first. */
  async list(customerId: string): Promise<Subscription[]> {
    const { data } = await this.send({ method: 'GET', route: LIST, path: `/v1/customers/${seg(customerId)}/subscriptions`, schema: SubscriptionList });
    return data.subscriptions;
  }

  /** Active subscriptions with a delivery in `[from, to]`, every page (the renewal reminders' look-up). */
  async upcoming(from: string, to: string, pageSize = 500): Promise<Subscription[]> {
    const out: Subscription[] = [];
    for (let after: string | null | undefined; after !== null; ) {
      const { data } = await this.send({ method: 'GET', route: UPCOMING, path: UPCOMING, query: { from, to, limit: pageSize, after }, schema: UpcomingDeliveries });
      out.push(...data.subscriptions);
      after = data.next;
    }
    return out;
  }

  /** One subscription; its `version` is what to pass as `ifMatch`. */
  async get(customerId: string, subscriptionId: string): Promise<Subscription> {
    return (await this.send({ method: 'GET', route: ITEM, path: this.item(customerId, subscriptionId), schema: Subscription })).data;
  }

  /** Frequency (1–26 weeks), quantity (1–20) and/or next delivery date, in one atomic change. */
  async modify(customerId: string, subscriptionId: string, changes: ModifySubscriptionRequest, opts: SubscriptionWriteOptions = {}): Promise<Subscription> {
    return this.write('PATCH', ITEM, this.item(customerId, subscriptionId), changes, Subscription, opts);
  }

  /** Pause `{ until: 'YYYY-MM-DD' }` or `{ weeks: n }`. */
  async pause(customerId: string, subscriptionId: string, pause: PauseSubscriptionRequest, opts: SubscriptionWriteOptions = {}): Promise<Subscription> {
    return this.write('POST', `${ITEM}/pause`, `${this.item(customerId, subscriptionId)}/pause`, pause, Subscription, opts);
  }

  async resume(customerId: string, subscriptionId: string, opts: SubscriptionWriteOptions = {}): Promise<Subscription> {
    return this.write('POST', `${ITEM}/resume`, `${this.item(customerId, subscriptionId)}/resume`, {}, Subscription, opts);
  }

  /** Skips the next delivery; the result says which date was skipped and the new next one. */
  async skip(customerId: string, subscriptionId: string, opts: SubscriptionWriteOptions = {}): Promise<SkipResult> {
    return this.write('POST', `${ITEM}/skip`, `${this.item(customerId, subscriptionId)}/skip`, {}, SkipResult, opts);
  }

  async cancel(customerId: string, subscriptionId: string, cancel: CancelSubscriptionRequest, opts: SubscriptionWriteOptions = {}): Promise<Subscription> {
    return this.write('POST', `${ITEM}/cancel`, `${this.item(customerId, subscriptionId)}/cancel`, cancel, Subscription, opts);
  }

  private item(customerId: string, subscriptionId: string): string {
    return `/v1/customers/${seg(customerId)}/subscriptions/${seg(subscriptionId)}`;
  }

  private async write<S extends z.ZodType>(
    method: 'POST' | 'PATCH',
    route: string,
    path: string,
    body: unknown,
    schema: S,
    opts: SubscriptionWriteOptions,
  ): Promise<z.output<S>> {
    const { data } = await this.send({
      method,
      route,
      path,
      body,
      schema,
      idempotencyKey: opts.idempotencyKey,
      headers: opts.ifMatch !== undefined ? { 'If-Match': `"${opts.ifMatch}"` } : undefined,
    });
    return data;
  }
}
