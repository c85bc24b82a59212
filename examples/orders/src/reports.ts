import type { Order } from './model';
import { analytics, inventory, orders, payments } from './services';

export interface Dashboard {
  day: string;
  orderCount: number;
  revenue: number;
  lowStock: string[];
}

/** The numbers on the back-office dashboard for one day. */
export async function loadDashboard(day: string): Promise<Dashboard> {
  const orderCount = await orders.countPlacedOn(day);
  const revenue = await payments.totalCapturedOn(day);
  const lowStock = await inventory.itemsBelow(5);
  return { day, orderCount, revenue, lowStock };
}

export interface MonthEnd {
  month: string;
  revenue: number;
  refunds: number;
}

/** Month-end figures, computed at night on the reporting replica. */
export async function monthEndReport(month: string): Promise<MonthEnd> {
  const revenue = await analytics.sumRevenue(month);
  // kitchen-sync-disable-next-line sequential-await -- the reporting replica is small: its heavy queries run one at a time on purpose
  const refunds = await analytics.sumRefunds(month);
  return { month, revenue, refunds };
}

/** Revenue of the orders a finance user selected. */
export async function revenueOf(orderIds: string[]): Promise<number> {
  let total = 0;
  for (const id of orderIds) {
    const order = await orders.findById(id);
    total += order.total;
  }
  return total;
}

/** A customer's whole order history, read page by page: each page names the next. */
export async function orderHistory(customerId: string): Promise<Order[]> {
  const history: Order[] = [];
  let cursor: string | undefined;
  do {
    const page = await orders.listByCustomer(customerId, cursor);
    history.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return history;
}
