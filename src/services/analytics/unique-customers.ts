/**
 * Distinct customers (emails) with counted orders, per local day and over a span of local days,
 * read from migration 090's customer rollups when they apply, else from the orders (spec 004 bi §1
 * `unique_customers`, the BI CLI's `summary.unique_customers`).
 */
import { type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from '../../../db/database.ts';
import type { Db } from '../../db/connect.ts';
import { hourAligned } from './periods.ts';
import { countedIn, DAY_MS, localDayIndex, num, type Shifts } from './queries.ts';
import type { MerchantScope } from './scope.ts';

const HOUR_MS = 3_600_000;

export interface UniqueCustomers {
  /** Local day index (0 = the day starting at `bounds[0]`) → distinct customers that day. */
  byDay: Map<number, number>;
  /** Distinct customers over the whole span. */
  total: number;
}

/** The platform's customer-hour histogram, or one merchant's rows of `bi_customer_gaps`. */
function gapsOf(db: Db, scope: MerchantScope) {
  if (scope === null) return db.selectFrom('bi_platform_customer_gaps');
  const rows = db.selectFrom('bi_customer_gaps').where('factory_id', '=', scope);
  return rows as unknown as SelectQueryBuilder<Database, 'bi_platform_customer_gaps', object>;
}

/** The platform's customers (first and last counted orders), or one merchant's. */
function customersOf(db: Db, scope: MerchantScope) {
  if (scope === null) return db.selectFrom('bi_platform_customer_firsts');
  const rows = db.selectFrom('bi_customer_firsts').where('factory_id', '=', scope);
  return rows as unknown as SelectQueryBuilder<Database, 'bi_platform_customer_firsts', object>;
}

/**
 * `case` on a local day index `d` giving `start + d × 24 h − bounds[d]`: how much earlier than 24 h
 * steps the day's first instant lies (non-zero after a DST shift).
 */
function dayOffset(bounds: number[]) {
  const start = bounds[0]!;
  const offsets = bounds.slice(0, -1).map((b, d) => start + d * DAY_MS - b);
  const runs: { until: number; offset: number }[] = [];
  offsets.forEach((offset, d) => {
    if (runs.at(-1)?.offset === offset) runs.at(-1)!.until = d + 1;
    else runs.push({ until: d + 1, offset });
  });
  if (runs.length === 1) return sql.lit(runs[0]!.offset);
  return sql`case ${sql.join(
    runs.map((r) => sql`when d < ${sql.lit(r.until)} then ${sql.lit(r.offset)}`),
    sql` `,
  )} else 0 end`;
}

/** Per local day from the (hour, gap) histogram: customers whose previous hour lies before the day. */
async function byDayFromGaps(db: Db, scope: MerchantScope, bounds: number[], shifts: Shifts) {
  const start = bounds[0]!;
  const end = bounds[bounds.length - 1]!;
  const inSpan = gapsOf(db, scope)
    .select([localDayIndex('hour_at', start, shifts).as('d'), 'hour_at', 'gap', 'customers'])
    .where('hour_at', '>=', start)
    .where('hour_at', '<', end);
  const dayStart = sql`(${sql.lit(start)} + d * ${sql.lit(DAY_MS)} - ${dayOffset(bounds)})`;
  const rows = await db
    .selectFrom(inSpan.as('x'))
    .select(['d', sql<number>`sum(customers)`.as('n')])
    .where(sql<boolean>`gap * ${sql.lit(HOUR_MS)} > hour_at - ${dayStart}`)
    .groupBy('d')
    .execute();
  return new Map(rows.map((r) => [num(r.d), num(r.n)]));
}

/** The platform's customers per hour of their last counted order, or one merchant's (migration 091). */
function lastHoursOf(db: Db, scope: MerchantScope) {
  if (scope === null) return db.selectFrom('bi_platform_customer_last_hours');
  const rows = db.selectFrom('bi_customer_last_hours').where('factory_id', '=', scope);
  return rows as unknown as SelectQueryBuilder<Database, 'bi_platform_customer_last_hours', object>;
}

/**
 * Over [start, end) from the customers' last counted orders: those whose last one is at or after
 * `start`, exact when no customer's last order is at or after `end` (spans ending today); null
 * otherwise. Summed per hour of the last order (migration 091) when both bounds are whole UTC
 * hours, else counted from the last orders themselves.
 */
export async function totalFromLastOrders(db: Db, scope: MerchantScope, start: number, end: number): Promise<number | null> {
  if (hourAligned(start, end)) {
    const latest = await lastHoursOf(db, scope)
      .select(sql<number | null>`max(hour_at)`.as('at'))
      .where('customers', '<>', 0)
      .executeTakeFirst();
    if (latest?.at != null && num(latest.at) >= end) return null;
    const n = await lastHoursOf(db, scope)
      .select(sql<number>`coalesce(sum(customers), 0)`.as('n'))
      .where('hour_at', '>=', start)
      .executeTakeFirst();
    return num(n?.n);
  }
  const customers = () => customersOf(db, scope);
  const latest = await customers().select(sql<number | null>`max(last_at)`.as('at')).executeTakeFirst();
  if (latest?.at != null && num(latest.at) >= end) return null;
  const n = await customers().select(sql<number>`count(*)`.as('n')).where('last_at', '>=', start).executeTakeFirst();
  return num(n?.n);
}

/** From the orders: `count(distinct customer_email)` per day and over the span. */
async function fromOrders(db: Db, scope: MerchantScope, start: number, end: number, shifts: Shifts, perDay: boolean) {
  const distinct = sql<number>`count(distinct customer_email)`;
  const orders = () => db.selectFrom('commerce_orders').where(countedIn(scope, start, end));
  const [days, total] = await Promise.all([
    perDay
      ? orders()
          .select([localDayIndex('created_at', start, shifts).as('d'), distinct.as('n')])
          .groupBy(sql`1`)
          .execute()
      : [],
    orders().select(distinct.as('n')).executeTakeFirst(),
  ]);
  return { byDay: new Map(days.map((r) => [num(r.d), num(r.n)])), total: num(total?.n) };
}

/**
 * Distinct customers of `scope` with counted orders over the local days `bounds` (day starts and
 * the end, epoch ms, as `lastDays` returns) and on each of them. Per day from migration 090's
 * hour/gap histogram when every bound and shift is a whole UTC hour; the span's total from the
 * customers' last orders (migration 091's hours of them in whole-hour zones) when none lies past
 * the span. Otherwise (zones such as +5:30, orders
 * dated in the future) the part concerned is counted from the orders.
 * @returns { byDay: day index → customers (days without any are absent), total }
 */
export async function uniqueCustomers(db: Db, scope: MerchantScope, bounds: number[], shifts: Shifts): Promise<UniqueCustomers> {
  const start = bounds[0]!;
  const end = bounds[bounds.length - 1]!;
  const aligned = hourAligned(...bounds, ...shifts.map((x) => x.at));
  const [byDay, total] = await Promise.all([
    aligned ? byDayFromGaps(db, scope, bounds, shifts) : null,
    totalFromLastOrders(db, scope, start, end),
  ]);
  if (byDay && total !== null) return { byDay, total };
  const counted = await fromOrders(db, scope, start, end, shifts, byDay === null);
  return { byDay: byDay ?? counted.byDay, total: total ?? counted.total };
}
