import type { Cart, Customer, Order } from './model';
import { priceCart } from './pricing';
import { carts, customers, orders, payments, shipping } from './services';

export interface CheckoutPage {
  customer: Customer;
  cart: Cart;
  shippingCost: number;
}

/** Everything the checkout page shows. */
export async function loadCheckoutPage(customerId: string, cartId: string): Promise<CheckoutPage> {
  const customer = await customers.findById(customerId);
  const cart = await carts.findById(cartId);
  // The quote needs the address and the cart lines, so it has to wait for both.
  const shippingCost = await shipping.quote(customer.address, cart.lines);
  return { customer, cart, shippingCost };
}

/** Turns a cart into a paid order. Each step needs what the one before it returned. */
export async function placeOrder(customerId: string, cartId: string): Promise<Order> {
  const cart = await carts.findById(cartId);
  const priced = await priceCart(cart);
  const total = priced.reduce((sum, line) => sum + line.subtotal, 0);
  const order = await orders.create(customerId, cart.lines, total);
  await payments.charge(order.id, order.total);
  return order;
}
