// The service's database and partner APIs, reached over HTTP: every call below is a
// network round trip.
import type { Address, Cart, CartLine, Customer, Order, Page } from './model';

const API_URL = process.env.ORDERS_API_URL ?? 'http://localhost:8080';

async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${API_URL}${path}`, {
    method,
    headers: body === undefined ? undefined : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} failed: ${response.status} ${response.statusText}`);
  return (await response.json()) as T;
}

export const customers = {
  findById: (id: string) => request<Customer>('GET', `/customers/${encodeURIComponent(id)}`),
};

export const carts = {
  findById: (id: string) => request<Cart>('GET', `/carts/${encodeURIComponent(id)}`),
};

export const catalog = {
  priceOf: (sku: string) => request<number>('GET', `/catalog/${encodeURIComponent(sku)}/price`),
};

export const inventory = {
  itemsBelow: (threshold: number) => request<string[]>('GET', `/inventory?below=${threshold}`),
};

export const orders = {
  findById: (id: string) => request<Order>('GET', `/orders/${encodeURIComponent(id)}`),
  create: (customerId: string, lines: CartLine[], total: number) => request<Order>('POST', '/orders', { customerId, lines, total }),
  countPlacedOn: (day: string) => request<number>('GET', `/orders/count?day=${day}`),
  listByCustomer: (customerId: string, cursor?: string) =>
    request<Page<Order>>('GET', `/customers/${encodeURIComponent(customerId)}/orders${cursor ? `?cursor=${cursor}` : ''}`),
};

export const payments = {
  charge: (orderId: string, amount: number) => request<{ status: 'captured' | 'declined' }>('POST', '/payments', { orderId, amount }),
  totalCapturedOn: (day: string) => request<number>('GET', `/payments/total?day=${day}`),
};

export const shipping = {
  quote: (to: Address, lines: CartLine[]) => request<number>('POST', '/shipping/quotes', { to, lines }),
};

/** Heavy queries on the reporting replica. */
export const analytics = {
  sumRevenue: (month: string) => request<number>('GET', `/analytics/revenue?month=${month}`),
  sumRefunds: (month: string) => request<number>('GET', `/analytics/refunds?month=${month}`),
};
