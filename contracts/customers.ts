import { customerId, z } from './z';

export const Customer = z.object({ id: customerId, name: z.string() }).openapi('Customer');
export type Customer = z.infer<typeof Customer>;
export const CustomerList = z.object({ customers: z.array(Customer) }).openapi('CustomerList');
export type CustomerList = z.infer<typeof CustomerList>;
