import { Rewards, RewardsRedemption, RewardsTransactionPage, type RewardsRedemptionRequest, type RewardsTransactionsQuery } from '../../contracts/rewards';
import { ApiClient, seg, type ApiClientOptions } from '../shared/apiClient';

const BASE = '/v1/customers/{customerId}/rewards';

/**
 * Typed client of the rewards API: balance and tier, history, redemption into store credit.
 * Throws `ApiError` (e.g. `rejected` / `insufficient_points` with `details.points`).
 */
export class RewardsClient extends ApiClient {
  constructor(options: ApiClientOptions) {
    super('rewards', options);
  }

  /** Balance, tier, points to the next tier and store credit. */
  async get(customerId: string): Promise<Rewards> {
    return (await this.send({ method: 'GET', route: BASE, path: this.base(customerId), schema: Rewards })).data;
  }

  /** One page of the history, newest first (page 1, 10 per page by default). */
  async transactions(customerId: string, query: RewardsTransactionsQuery = {}): Promise<RewardsTransactionPage> {
    return (
      await this.send({
        method: 'GET',
        route: `${BASE}/transactions`,
        path: `${this.base(customerId)}/transactions`,
        query: { page: query.page as number | undefined, pageSize: query.pageSize as number | undefined },
        schema: RewardsTransactionPage,
      })
    ).data;
  }

  /**
   * Turns points (a multiple of 100) into store credit (100 points = $1). Pass an
   * `idempotencyKey` so a retry after a timeout cannot redeem twice.
   */
  async redeem(customerId: string, redemption: RewardsRedemptionRequest, opts: { idempotencyKey?: string } = {}): Promise<RewardsRedemption> {
    return (
      await this.send({
        method: 'POST',
        route: `${BASE}/redemptions`,
        path: `${this.base(customerId)}/redemptions`,
        body: redemption,
        schema: RewardsRedemption,
        idempotencyKey: opts.idempotencyKey,
      })
    ).data;
  }

  private base(customerId: string): string {
    return `/v1/customers/${seg(customerId)}/rewards`;
  }
}
