import { CustomerList } from '../../contracts/customers';
import type { SandboxContext } from '../sandboxContext';
import { listCustomers } from './customerStore';

/** `GET /v1/customers`: the demo customers for the sign-in picker. */
export function registerCustomerRoutes(ctx: SandboxContext): void {
  ctx.endpoints.add({
    method: 'get',
    path: '/v1/customers',
    summary: 'List the demo customers (id and name)',
    tags: ['customers'],
    response: { status: 200, schema: CustomerList, description: 'The customers' },
    handler: async () => ({ status: 200, body: { customers: (await listCustomers(ctx.store)).map(({ id, name }) => ({ id, name })) } }),
  });
}
