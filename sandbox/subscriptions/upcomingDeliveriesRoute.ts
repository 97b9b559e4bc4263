import { UpcomingDeliveries, UpcomingDeliveriesQuery, type Subscription } from '../../contracts/subscriptions';
import { isoDay } from '../clock';
import type { SandboxContext } from '../sandboxContext';
import { ALL_SUBSCRIPTIONS_KEY, asOf, subscriptionKey } from './subscriptionStore';

/** `GET /v1/subscriptions/upcoming`: active subscriptions with a delivery in a date window (renewal reminders). */
export function registerUpcomingDeliveriesRoute(ctx: SandboxContext): void {
  ctx.endpoints.add({
    method: 'get',
    path: '/v1/subscriptions/upcoming',
    summary: 'Active subscriptions whose next delivery falls in [from, to], by id, a page at a time',
    tags: ['subscriptions'],
    query: UpcomingDeliveriesQuery,
    response: { status: 200, schema: UpcomingDeliveries, description: 'One page (as of today); `next` continues' },
    handler: async ({ query }) => {
      const today = isoDay(ctx.clock.now());
      const ids = (await ctx.store.get<string[]>(ALL_SUBSCRIPTIONS_KEY))?.value ?? [];
      const start = query.after === undefined ? 0 : ids.findIndex((id) => id > query.after!);
      const page = start < 0 ? [] : ids.slice(start, start + query.limit);
      const docs = await ctx.store.getMany<Subscription>(page.map(subscriptionKey));
      const subscriptions = docs.flatMap((d) => {
        const s = d && asOf(d.value, today);
        return s && s.status === 'active' && s.nextDeliveryDate !== null && s.nextDeliveryDate >= query.from && s.nextDeliveryDate <= query.to ? [s] : [];
      });
      const next = start >= 0 && start + query.limit < ids.length ? page.at(-1)! : null;
      return { status: 200, body: { subscriptions, next } satisfies UpcomingDeliveries };
    },
  });
}
