import type { Cart, CartLine } from './model';
import { catalog } from './services';

export interface PricedLine extends CartLine {
  unitPrice: number;
  subtotal: number;
}

/** Looks up the current price of every line in a cart. */
export async function priceCart(cart: Cart): Promise<PricedLine[]> {
  const priced: PricedLine[] = [];
  for (const line of cart.lines) {
    const unitPrice = await catalog.priceOf(line.sku);
    priced.push({ ...line, unitPrice, subtotal: unitPrice * line.quantity });
  }
  return priced;
}
