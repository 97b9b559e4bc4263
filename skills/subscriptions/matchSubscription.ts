import type { Subscription } from '../../contracts/subscriptions';
import { matchProducts } from '../shared/matchProducts';

/**
 * The subscriptions a message names ("the cat litter one" → the litter subscription). Returns
 * the best-matching ones (several when the message is ambiguous, none when it names nothing).
 */
export const matchSubscriptions = (text: string, subs: Subscription[]): Subscription[] => matchProducts(text, subs, (s) => [s.product.name]);
