// Takings since the process started, shown on the shop's status page.
import { fetchTaxRates, priceOf, type TaxRates } from './store';

const takings = { revenue: 0, sales: 0 };

/** Counts one sale at the product's current price. */
export async function recordSale(productId: string): Promise<void> {
  takings.revenue += await priceOf(productId);
  takings.sales += 1;
}

export function takingsReport(): string {
  return `${takings.sales} sales, ${takings.revenue.toFixed(2)} in revenue`;
}

let taxRates: TaxRates | undefined;

/**
 * The tax rates, fetched on first use. Two sales at once can both fetch them: work done
 * twice, not a leak, so only the experimental tier mentions it.
 */
export async function currentTaxRates(): Promise<TaxRates> {
  if (!taxRates) taxRates = await fetchTaxRates();
  return taxRates;
}
