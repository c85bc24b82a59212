// Takings since the process started, shown on the shop's status page.
import { priceOf } from './store';

const takings = { revenue: 0, sales: 0 };

/** Counts one sale at the product's current price. */
export async function recordSale(productId: string): Promise<void> {
  takings.revenue += await priceOf(productId);
  takings.sales += 1;
}

export function takingsReport(): string {
  return `${takings.sales} sales, ${takings.revenue.toFixed(2)} in revenue`;
}
