import type { Order } from '../../contracts/shipping';
import { daysBetween } from '../../platform/dates';
import { matchProducts, namesProduct } from '../shared/matchProducts';

/** How far from the day a customer names an order may have been placed ("the one from last Tuesday"). */
const DATE_SLACK_DAYS = 3;

/** What a message says about which order it means. */
export interface OrderReading {
  /** The orders it names (by product words and/or the day it was placed), best first; empty when it names none. */
  matches: Order[];
  /** It names something (product words or a day) that no order matched. */
  unmatched: boolean;
}

/**
 * The orders a message names by product ("the kibble order", "the hay", "the dog bed one") and
 * by the day they were placed ("the order from November 20th"), among the customer's orders.
 */
export function matchOrders(text: string, orders: Order[], today: string, date?: string): OrderReading {
  const names = (o: Order) => o.items.flatMap((i) => [i.name, i.sku.replace(/-/g, ' ')]);
  const byProduct = matchProducts(text, orders, names);
  const namesProducts = namesProduct(text);
  let matches = byProduct;
  if (date) {
    // Orders are placed in the past: "November 20th" said on November 26 is this year's, not next year's.
    const day = date > today ? `${Number(date.slice(0, 4)) - 1}${date.slice(4)}` : date;
    const near = (o: Order) => Math.abs(daysBetween(o.placedAt.slice(0, 10), day)) <= DATE_SLACK_DAYS;
    matches = (namesProducts || byProduct.length > 0 ? byProduct : orders).filter(near);
  }
  const named = namesProducts || date !== undefined || byProduct.length > 0;
  return { matches, unmatched: named && matches.length === 0 };
}
