import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { averageCents, toMajor } from './money.ts';
import { hourAligned, lastDays, offsetShifts } from './periods.ts';
import { countedIn, localDayIndex, num, type Shifts, salesHours, sumCents } from './queries.ts';
import type { BiSettings, MerchantScope } from './scope.ts';
import { uniqueCustomers } from './unique-customers.ts';

/** One local day of sales: spec 004's `revenue`/`orders` and the BI CLI's names and figures. */
export interface SalesDay {
  date: string;
  revenue: number;
  orders: number;
  total_revenue: number;
  order_count: number;
  avg_order_value: number;
  unique_customers: number;
}

export interface SalesReport {
  total_revenue: number;
  order_count: number;
  avg_order_value: number;
  period: { start: string; end: string };
  daily_breakdown: { date: string; revenue: number; orders: number }[];
  /** The BI CLI's reading of the same period (REAL-CLIENTS.md). */
  summary: { total_revenue: number; total_orders: number; avg_order_value: number; unique_customers: number };
  daily: SalesDay[];
}

/**
 * Counted orders and their total cents per local day index over [start, end): from the hourly
 * rollups when every day bound and DST shift is a whole UTC hour (each hour then lies in one
 * local day), else from the orders.
 */
async function salesByDay(db: Db, scope: MerchantScope, start: number, end: number, shifts: Shifts) {
  if (hourAligned(start, end, ...shifts.map((x) => x.at))) {
    return salesHours(db, scope)
      .select([localDayIndex('hour_at', start, shifts).as('d'), sumCents('cents').as('cents'), sumCents('orders').as('orders')])
      .where('hour_at', '>=', start)
      .where('hour_at', '<', end)
      .groupBy(sql`1`)
      .execute();
  }
  return db
    .selectFrom('commerce_orders')
    .select([localDayIndex('created_at', start, shifts).as('d'), sumCents('total_cents').as('cents'), sql<number>`count(*)`.as('orders')])
    .where(countedIn(scope, start, end))
    .groupBy(sql`1`)
    .execute();
}

/**
 * Spec 004 bi §1 `GET /api/v1/sales`: revenue (order totals, major unit), order count and average
 * order value over the `days` local calendar days ending today, with one entry per day (empty
 * days included). Counted orders: paid, shipped, delivered. Read from the hourly rollups of
 * migration 042 in whole-hour time zones. Beside spec 004's fields, the BI CLI's (REAL-CLIENTS.md):
 * `summary` {total_revenue, total_orders, avg_order_value, unique_customers} and `daily[]`, each
 * day with spec 004's `revenue`/`orders` and the CLI's `total_revenue`, `order_count`,
 * `avg_order_value`, `unique_customers` (distinct emails, unique-customers.ts). Averages are rounded half up to a cent.
 */
export async function salesReport(db: Db, scope: MerchantScope, days: number, s: BiSettings, now = Date.now()): Promise<SalesReport> {
  const { dates, bounds } = lastDays(days, s.timeZone, now);
  const start = bounds[0]!;
  const end = bounds[bounds.length - 1]!;
  const shifts = offsetShifts(bounds, s.timeZone);
  const [rows, customers] = await Promise.all([salesByDay(db, scope, start, end, shifts), uniqueCustomers(db, scope, bounds, shifts)]);
  const byDay = new Map<number, { cents: number; orders: number }>();
  for (const r of rows) byDay.set(num(r.d), { cents: num(r.cents), orders: num(r.orders) });
  const totalCents = rows.reduce((a, r) => a + num(r.cents), 0);
  const orderCount = rows.reduce((a, r) => a + num(r.orders), 0);
  const daily = dates.map((date, i): SalesDay => {
    const cents = byDay.get(i)?.cents ?? 0;
    const orders = byDay.get(i)?.orders ?? 0;
    return {
      date,
      revenue: toMajor(cents),
      orders,
      total_revenue: toMajor(cents),
      order_count: orders,
      avg_order_value: toMajor(averageCents(cents, orders)),
      unique_customers: customers.byDay.get(i) ?? 0,
    };
  });
  return {
    total_revenue: toMajor(totalCents),
    order_count: orderCount,
    avg_order_value: toMajor(averageCents(totalCents, orderCount)),
    period: { start: dates[0]!, end: dates[dates.length - 1]! },
    daily_breakdown: daily.map((d) => ({ date: d.date, revenue: d.revenue, orders: d.orders })),
    summary: {
      total_revenue: toMajor(totalCents),
      total_orders: orderCount,
      avg_order_value: toMajor(averageCents(totalCents, orderCount)),
      unique_customers: customers.total,
    },
    daily,
  };
}
