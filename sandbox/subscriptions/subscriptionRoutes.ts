import type { Request } from 'express';
import { customerId } from '../../contracts/z';
import {
  CancelSubscriptionRequest,
  ModifySubscriptionRequest,
  PauseSubscriptionRequest,
  ResumeSubscriptionRequest,
  SkipResult,
  SkipSubscriptionRequest,
  Subscription,
  SubscriptionList,
  subscriptionId,
} from '../../contracts/subscriptions';
import { AppError } from '../../platform/errors';
import { z } from '../../contracts/z';
import { isoDay } from '../clock';
import { requireCustomer } from '../customers/customerStore';
import { idempotentWrite } from '../http/idempotency';
import type { SandboxContext } from '../sandboxContext';
import { cancel, modify, pause, resume, skip, type LifecycleTime } from './subscriptionLifecycle';
import { asOf, listSubscriptions, requireSubscription, subscriptionKey, subscriptionNotFound } from './subscriptionStore';
import { checkVersion, etag, ifMatchVersions } from './versionPrecondition';

const CustomerParams = z.object({ customerId });
const SubscriptionParams = z.object({ customerId, subscriptionId });
const BASE = '/v1/customers/{customerId}/subscriptions';
const ITEM = `${BASE}/{subscriptionId}`;
const TAGS = ['subscriptions'];
const ETAG_HEADER = { ETag: 'The new version, e.g. "4" (send it as If-Match next time)' };

const WRITE_ERRORS = {
  404: 'No such customer or subscription (also for another customer’s subscription)',
  409: 'Stale If-Match version (`version_conflict`) or a transition the lifecycle forbids (`subscription_cancelled`, `subscription_paused`, `subscription_not_paused`)',
  503: 'The store is too busy or down; safe to retry with the same Idempotency-Key',
};

/** Registers the subscriptions ("autoship") endpoints: list, get, modify, pause, resume, skip, cancel. */
export function registerSubscriptionRoutes(ctx: SandboxContext): void {
  const time = (): LifecycleTime => {
    const now = ctx.clock.now();
    return { today: isoDay(now), now: now.toISOString() };
  };

  /**
   * One atomic, idempotent write of one subscription: ownership (404), If-Match (409), then the
   * lifecycle step; the new version is in the body and the ETag.
   */
  const write = (
    req: Request,
    params: { customerId: string; subscriptionId: string },
    step: (sub: Subscription, t: LifecycleTime) => { subscription: Subscription; body: unknown },
  ) => {
    const expected = ifMatchVersions(req);
    const key = subscriptionKey(params.subscriptionId);
    return idempotentWrite(ctx, req, [key], (read) => {
      const doc = read<Subscription>(key);
      if (!doc || doc.value.customerId !== params.customerId) return { error: subscriptionNotFound(params.customerId, params.subscriptionId) };
      const t = time();
      const current = asOf(doc.value, t.today);
      const stale = checkVersion(current, expected);
      if (stale) return { error: stale };
      try {
        const out = step(current, t);
        return { writes: [{ key, value: out.subscription }], response: { status: 200, body: out.body, headers: { ETag: etag(out.subscription.version) } } };
      } catch (e) {
        if (e instanceof AppError) return { error: e };
        throw e;
      }
    });
  };
  const same = (subscription: Subscription) => ({ subscription, body: subscription });

  ctx.endpoints.add({
    method: 'get',
    path: BASE,
    summary: "List a customer's subscriptions",
    tags: TAGS,
    params: CustomerParams,
    response: { status: 200, schema: SubscriptionList, description: 'The subscriptions, oldest first, as of today' },
    errors: { 404: 'No such customer' },
    handler: async ({ params }) => {
      await requireCustomer(ctx.store, params.customerId);
      return { status: 200, body: { subscriptions: await listSubscriptions(ctx.store, params.customerId, time().today) } };
    },
  });

  ctx.endpoints.add({
    method: 'get',
    path: ITEM,
    summary: 'Get one subscription (its version is the ETag)',
    tags: TAGS,
    params: SubscriptionParams,
    response: { status: 200, schema: Subscription, description: 'The subscription', headers: { ETag: 'The version, e.g. "3"' } },
    errors: { 404: WRITE_ERRORS[404] },
    handler: async ({ params }) => {
      const sub = await requireSubscription(ctx.store, params.customerId, params.subscriptionId, time().today);
      return { status: 200, body: sub, headers: { ETag: etag(sub.version) } };
    },
  });

  ctx.endpoints.add({
    method: 'patch',
    path: ITEM,
    summary: 'Change frequency (1–26 weeks), quantity (1–20) and/or next delivery date (today … +180 days), atomically',
    tags: TAGS,
    params: SubscriptionParams,
    body: ModifySubscriptionRequest,
    idempotent: true,
    ifMatch: true,
    response: { status: 200, schema: Subscription, description: 'The changed subscription', headers: ETAG_HEADER },
    errors: WRITE_ERRORS,
    handler: async ({ params, body, req }) => write(req, params, (sub, t) => same(modify(sub, body, t))),
  });

  ctx.endpoints.add({
    method: 'post',
    path: `${ITEM}/pause`,
    summary: 'Pause until a date or for N weeks (next delivery moves to no earlier than the resume date)',
    tags: TAGS,
    params: SubscriptionParams,
    body: PauseSubscriptionRequest,
    idempotent: true,
    ifMatch: true,
    response: { status: 200, schema: Subscription, description: 'The paused subscription', headers: ETAG_HEADER },
    errors: WRITE_ERRORS,
    handler: async ({ params, body, req }) => write(req, params, (sub, t) => same(pause(sub, body, t))),
  });

  ctx.endpoints.add({
    method: 'post',
    path: `${ITEM}/resume`,
    summary: 'Resume a paused subscription now (next delivery within one cycle from today)',
    tags: TAGS,
    params: SubscriptionParams,
    body: ResumeSubscriptionRequest,
    idempotent: true,
    ifMatch: true,
    response: { status: 200, schema: Subscription, description: 'The active subscription', headers: ETAG_HEADER },
    errors: WRITE_ERRORS,
    handler: async ({ params, req }) => write(req, params, (sub, t) => same(resume(sub, t))),
  });

  ctx.endpoints.add({
    method: 'post',
    path: `${ITEM}/skip`,
    summary: 'Skip the next delivery (new next date = skipped date + frequency)',
    tags: TAGS,
    params: SubscriptionParams,
    body: SkipSubscriptionRequest,
    idempotent: true,
    ifMatch: true,
    response: { status: 200, schema: SkipResult, description: 'The skipped date and the new next delivery', headers: ETAG_HEADER },
    errors: WRITE_ERRORS,
    handler: async ({ params, req }) =>
      write(req, params, (sub, t) => {
        const out = skip(sub, t);
        return { subscription: out.subscription, body: out };
      }),
  });

  ctx.endpoints.add({
    method: 'post',
    path: `${ITEM}/cancel`,
    summary: 'Cancel with a reason (and an optional comment); final',
    tags: TAGS,
    params: SubscriptionParams,
    body: CancelSubscriptionRequest,
    idempotent: true,
    ifMatch: true,
    response: { status: 200, schema: Subscription, description: 'The cancelled subscription', headers: ETAG_HEADER },
    errors: WRITE_ERRORS,
    handler: async ({ params, body, req }) => write(req, params, (sub, t) => same(cancel(sub, body, t))),
  });
}
