import { CustomerList, type Customer } from '../../contracts/customers';
import { ApiClient, type ApiClientOptions } from '../shared/apiClient';

/** Typed client of `GET /v1/customers` (the demo sign-in picker and customer names). */
export class CustomersClient extends ApiClient {
  constructor(options: ApiClientOptions) {
    super('customers', options);
  }

  async list(): Promise<Customer[]> {
    return (await this.send({ method: 'GET', route: '/v1/customers', path: '/v1/customers', schema: CustomerList })).data.customers;
  }
}
