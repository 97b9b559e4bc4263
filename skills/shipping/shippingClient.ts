import { OrderList, OrderLookupResult, Tracking, type Order, type OrderLookupRequest } from '../../contracts/shipping';
import { ApiClient, seg, type ApiClientOptions } from '../shared/apiClient';

const ORDERS = '/v1/customers/{customerId}/orders';
const TRACKING = `${ORDERS}/{orderId}/tracking`;
const LOOKUP = '/v1/orders/lookup';

/**
 * Typed client of the shipping API (read-only for the bot: carriers push their updates to the
 * webhook, and accepted ones reach the bot on the internal event stream). Every method returns
 * contract types and throws `ApiError` (`rejected` with the problem code, `unavailable`, `contract`).
 */
export class ShippingClient extends ApiClient {
  constructor(options: ApiClientOptions) {
    super('shipping', options);
  }

  /** The customer's most recent orders, newest first (`limit` 1–50, default 20). */
  async listOrders(customerId: string, opts: { limit?: number } = {}): Promise<Order[]> {
    const { data } = await this.send({ method: 'GET', route: ORDERS, path: `/v1/customers/${seg(customerId)}/orders`, query: { limit: opts.limit }, schema: OrderList });
    return data.orders;
  }

  /**
   * Carrier, tracking number, status, ETA and event history (oldest first) of one order.
   * Another customer's order is `ApiError` 404 `not_found`, like a missing one.
   */
  async tracking(customerId: string, orderId: string): Promise<Tracking> {
    const { data } = await this.send({ method: 'GET', route: TRACKING, path: `/v1/customers/${seg(customerId)}/orders/${seg(orderId)}/tracking`, schema: Tracking });
    return data;
  }

  /**
   * An order's tracking for a visitor who is not signed in: its number plus the ZIP code or
   * e-mail on it (sent in the body). No such order and a ZIP/e-mail that does not match are the
   * same `ApiError` 404 `not_found`; too many failed lookups are 429 `too_many_attempts`
   * (`retryAfterSeconds`). Not retried: a repeated failing lookup would count twice.
   */
  async lookupOrder(proof: OrderLookupRequest): Promise<OrderLookupResult> {
    const { data } = await this.send({ method: 'POST', route: LOOKUP, path: LOOKUP, body: proof, schema: OrderLookupResult });
    return data;
  }
}
