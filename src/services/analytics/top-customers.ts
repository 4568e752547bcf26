/**
 * The customer report's figures from migration 092's per-customer rollups, when they apply: the
 * period's repeat customers and its top spenders without grouping the period's orders by email.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { hourAligned } from './periods.ts';
import { customerRollup, num, salesHours } from './queries.ts';
import type { MerchantScope } from './scope.ts';
import { keepBest, type PeriodSpend, ROW_COLUMNS, spendOf, spendOfRows, walk } from './spend-walk.ts';
import { totalFromLastOrders } from './unique-customers.ts';

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
    customerRollup(db, scope, 'customer_prev_hours')
      .select(sql<number>`coalesce(sum(customers), 0)`.as('n'))
      .where('hour_at', '>=', start)
      .executeTakeFirst(),
  ]);
  return total === null ? null : { total, repeat: num(repeat?.n) };
}

/**
 * Short periods: at most this many customers with three or more orders in the period, each read
 * from its row (exactly three there) or looked up (≈ 5 µs at 10M orders, by the covering customer indexes).
 */
const FEW_FREQUENT = 5000;

/**
 * The `limit` biggest spenders of [start, end) (bySpend order) from the spend rows of migrations
 * 092 and 094 (each customer's last four counted orders), when no counted order of the scope is
 * at or after `end` (customerCounts non-null):
 * - short periods (at most `fewFrequent` customers with three or more orders in them, by the
 *   index on the third-to-last order): those are read from their rows, or looked up in the orders
 *   when they have four or more there; every other customer's period orders are among its last
 *   two, so the rest is a walk down the ranking by the last two orders' sum, each spend read from
 *   the ranking itself;
 * - longer periods: a walk down the all-time ranking, customers with four or more orders in the
 *   period looked up as they come.
 * Either walk stops once the `limit`-th best exceeds what any customer not yet read could have
 * spent (spend-walk.ts). Exact (order totals are never negative).
 * @param budget customers the walks may read (a look-up counts LOOKUP_COST); past it, they give up.
 * @param o.firstPage customers read by a walk's first step (then twice as many each step, up to 1,024);
 *   o.fewFrequent the short-period bound (−1: always the all-time walk). Both for tests.
 * @returns the top list, or null when the budget ran out (the caller groups the period instead).
 */
export async function topSpenders(
  db: Db,
  scope: MerchantScope,
  start: number,
  end: number,
  limit: number,
  budget: number,
  o: { firstPage?: number; fewFrequent?: number } = {},
): Promise<PeriodSpend[] | null> {
  const few = o.fewFrequent ?? FEW_FREQUENT;
  const b = { left: budget };
  const period = { start, end, limit };
  const best: PeriodSpend[] = [];
  // counted on the index alone first, in the database: past `few` (long periods) no row is read
  const frequent = spendOf(db, scope).where('third_at', '>=', start);
  const capped = frequent.select(sql`1`.as('one')).limit(few + 1);
  const count =
    few >= 0 ? num((await db.selectFrom(capped.as('f')).select(sql<number>`count(*)`.as('n')).executeTakeFirst())?.n) : Infinity;
  if (count <= few) {
    b.left -= count;
    keepBest(best, await spendOfRows(db, scope, await frequent.select(ROW_COLUMNS).execute(), start, end, b), limit);
    return (await walk(db, scope, 'recent_cents', period, best, b, true, o.firstPage)) ? best : null;
  }
  return (await walk(db, scope, 'cents', period, best, b, false, o.firstPage)) ? best : null;
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
