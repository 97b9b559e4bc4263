import type { Customer } from '../../contracts/customers';

/**
 * The demo customers every sandbox starts with (the sign-in picker of the demo page shows
 * them). Each domain's seed gives them varied data: see sandbox/<domain>/seed.ts.
 */
export const DEMO_CUSTOMERS: readonly (Customer & { email: string })[] = [
  { id: 'cus-ava', name: 'Ava Thompson', email: 'ava@example.com' },
  { id: 'cus-ben', name: 'Ben Okafor', email: 'ben@example.com' },
  { id: 'cus-chloe', name: 'Chloe Martin', email: 'chloe@example.com' },
  { id: 'cus-diego', name: 'Diego Ramirez', email: 'diego@example.com' },
  { id: 'cus-emma', name: 'Emma Schulz', email: 'emma@example.com' },
];
