/**
 * The customer report's figures from migration 092's per-customer rollups, when they apply: the
 * period's repeat customers and its top spenders without grouping the period's orders by email.
 */
import { type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from '../../../db/database.ts';
import type { Db } from '../../db/connect.ts';
import { hourAligned } from './periods.ts';
import { COUNTED_STATUSES, num, salesHours, sumCents } from './queries.ts';
import type { MerchantScope } from './scope.ts';
import { totalFromLastOrders } from './unique-customers.ts';

/** A customer's counted orders and spend (cents) in the period. */
export interface PeriodSpend {
  customer_email: string;
  orders: number;
  cents: number;
}

/** Spend order of the report's top list: cents descending, then email. */
export const bySpend = (a: PeriodSpend, b: PeriodSpend) =>
  b.cents - a.cents || (a.customer_email < b.customer_email ? -1 : a.customer_email > b.customer_email ? 1 : 0);

function spendOf(db: Db, scope: MerchantScope) {
  if (scope === null) return db.selectFrom('bi_platform_customer_spend');
  const rows = db.selectFrom('bi_customer_spend').where('factory_id', '=', scope);
  return rows as unknown as SelectQueryBuilder<Database, 'bi_platform_customer_spend', object>;
}

function prevHoursOf(db: Db, scope: MerchantScope) {
  if (scope === null) return db.selectFrom('bi_platform_customer_prev_hours');
  const rows = db.selectFrom('bi_customer_prev_hours').where('factory_id', '=', scope);
  return rows as unknown as SelectQueryBuilder<Database, 'bi_platform_customer_prev_hours', object>;
}

/**
 * Customers with a counted order in [start, end) (`total`) and with two or more (`repeat`), from
 * the hours of their last and second-to-last counted orders (migrations 091, 092): exact when
 * both bounds are whole UTC hours and no counted order lies at or after `end` (the last N days
 * up to now); null otherwise.
 */
export async function customerCounts(db: Db, scope: MerchantScope, start: number, end: number) {
  if (!hourAligned(start, end)) return null;
  const [total, repeat] = await Promise.all([
    totalFromLastOrders(db, scope, start, end),
    prevHoursOf(db, scope).select(sql<number>`coalesce(sum(customers), 0)`.as('n')).where('hour_at', '>=', start).executeTakeFirst(),
  ]);
  return total === null ? null : { total, repeat: num(repeat?.n) };
}

/** Every step of the walk reads at most this many customers (the first 64, doubling), and no more than its budget. */
const MAX_PAGE = 1024;

/**
 * The `limit` biggest spenders of [start, end) (bySpend order) by the threshold algorithm over
 * the customers ranked by spend over all time (migration 092): the walk reads customers from the
 * top of that ranking, a page at a time, sums each one's counted orders in the period (the
 * customer index), and stops once the `limit`-th period spend exceeds the all-time spend of the
 * last customer read, which bounds the period spend of every customer not yet read. Exact for
 * any span (order totals are never negative); fast when the period's big spenders are big
 * spenders overall (long periods).
 * @param budget customers the walk may read; past it, it gives up.
 * @param firstPage customers read by the first step (then twice as many each step, up to 1,024).
 * @returns the top list, or null when the budget ran out (the caller groups the period instead).
 */
export async function topSpenders(db: Db, scope: MerchantScope, start: number, end: number, limit: number, budget: number, firstPage = 64) {
  const best: PeriodSpend[] = [];
  let after: { cents: number; email: string } | null = null;
  let page = firstPage;
  for (let read = 0; read < budget; page = Math.min(page * 2, MAX_PAGE)) {
    // customers whose orders no longer count rank last (0 cents); their period has no orders
    let q = spendOf(db, scope).select(['customer_email', 'cents']);
    if (after) {
      const { cents, email } = after;
      q = q.where('cents', '<=', cents).where((eb) => eb.or([eb('cents', '<', cents), eb('customer_email', '>', email)]));
    }
    const ranked = q
      .orderBy('cents', 'desc')
      .orderBy('customer_email')
      .limit(Math.max(1, Math.min(page, Math.floor(budget - read))));
    // one statement per page: each ranked customer's orders in the period, by the customer index
    const rows = await db
      .selectFrom(ranked.as('r'))
      .leftJoin('commerce_orders as o', (j) => {
        const mine = j
          .onRef('o.customer_email', '=', 'r.customer_email')
          .on('o.status', 'in', [...COUNTED_STATUSES])
          .on('o.created_at', '>=', start)
          .on('o.created_at', '<', end);
        return scope === null ? mine : mine.on('o.factory_id', '=', scope);
      })
      .select(['r.customer_email', 'r.cents as ranked', sql<number>`count(o.id)`.as('orders'), sumCents('o.total_cents').as('cents')])
      .groupBy(['r.customer_email', 'r.cents'])
      .orderBy('r.cents', 'desc')
      .orderBy('r.customer_email')
      .execute();
    if (!rows.length) return best;
    read += rows.length;
    const spends = rows.map((r) => ({
      customer_email: r.customer_email,
      orders: num(r.orders),
      cents: num(r.cents),
      ranked: num(r.ranked),
    }));
    best.push(...spends.filter((r) => r.orders > 0).map(({ ranked: _, ...r }) => r));
    best.sort(bySpend).splice(limit);
    const last = spends[spends.length - 1]!;
    if (best.length === limit && best[limit - 1]!.cents > last.ranked) return best;
    after = { cents: last.ranked, email: last.customer_email };
  }
  return null;
}

/** Counted orders of the scope in [start, end) from the hourly sales rollup (both bounds whole hours). */
export async function ordersInHours(db: Db, scope: MerchantScope, start: number, end: number): Promise<number> {
  const r = await salesHours(db, scope)
    .select(sql<number>`coalesce(sum(orders), 0)`.as('n'))
    .where('hour_at', '>=', start)
    .where('hour_at', '<', end)
    .executeTakeFirst();
  return num(r?.n);
}
