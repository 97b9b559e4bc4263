import { Carrier, CarrierEvent, CarrierEventAck, OrderList, OrderListQuery, Tracking, orderId } from '../../contracts/shipping';
import { customerId, z } from '../../contracts/z';
import { notFound } from '../../platform/errors';
import { requireCustomer } from '../customers/customerStore';
import type { SandboxContext } from '../sandboxContext';
import { verifyCarrierSignature } from './carrierSignature';
import { receiveCarrierEvent } from './carrierWebhook';
import { listCustomerOrders, orderKey, toOrder, toTracking, type OrderRecord } from './orderStore';

const CustomerParams = z.object({ customerId });
const OrderParams = z.object({ customerId, orderId: orderId.openapi({ description: 'Case-insensitive, e.g. PS-10042' }) });
const CarrierParams = z.object({ carrier: Carrier });

/** Registers the shipping endpoints: a customer's orders, an order's tracking, carrier webhooks. */
export function registerShippingRoutes(ctx: SandboxContext): void {
  ctx.endpoints.add({
    method: 'get',
    path: '/v1/customers/{customerId}/orders',
    summary: "A customer's recent orders, newest first",
    tags: ['shipping'],
    params: CustomerParams,
    query: OrderListQuery,
    response: { status: 200, schema: OrderList, description: 'The orders' },
    errors: { 404: 'No such customer' },
    handler: async ({ params, query }) => {
      await requireCustomer(ctx.store, params.customerId);
      const orders = (await listCustomerOrders(ctx.store, params.customerId)).slice(0, query.limit).map(toOrder);
      return { status: 200, body: { orders } satisfies OrderList };
    },
  });

  ctx.endpoints.add({
    method: 'get',
    path: '/v1/customers/{customerId}/orders/{orderId}/tracking',
    summary: "An order's carrier, tracking number, status, ETA and event history (oldest first)",
    tags: ['shipping'],
    params: OrderParams,
    response: { status: 200, schema: Tracking, description: 'The tracking details' },
    errors: { 404: 'No such customer, or no such order for this customer' },
    handler: async ({ params }) => {
      await requireCustomer(ctx.store, params.customerId);
      const id = params.orderId.toUpperCase();
      const order = (await ctx.store.get<OrderRecord>(orderKey(id)))?.value;
      // Another customer's order gets the same answer as a missing one.
      if (!order || order.customerId !== params.customerId) throw notFound(`Customer ${params.customerId} has no order ${id}.`);
      return { status: 200, body: toTracking(order) satisfies Tracking };
    },
  });

  ctx.endpoints.add({
    method: 'post',
    path: '/v1/carriers/{carrier}/webhooks',
    summary:
      'Carrier status webhook. Not service-token authenticated: signed with "X-Carrier-Signature: sha256=<hex HMAC-SHA256 of the raw body with the carrier\'s secret>". A repeated eventId is acknowledged with duplicate: true and applies nothing.',
    tags: ['shipping'],
    public: true,
    params: CarrierParams,
    body: CarrierEvent,
    idempotent: true,
    before: [verifyCarrierSignature(ctx.carrierSecrets)],
    response: { status: 200, schema: CarrierEventAck, description: 'Accepted, or recognised as a duplicate' },
    errors: {
      401: 'Missing or invalid X-Carrier-Signature',
      404: 'Unknown carrier, or unknown tracking number for this carrier (code unknown_tracking_number)',
      503: 'Recorded but not yet forwarded to the event stream: deliver the event again',
    },
    handler: async ({ params, body, req }) => receiveCarrierEvent(ctx, req, params.carrier, body),
  });
}
