import { type ExpressionBuilder, sql } from 'kysely';
import type { Database } from '../../../db/database.ts';
import type { Db } from '../../db/connect.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Principal } from '../identity/principal.ts';
import { applyRate, averageCents, toMajor } from './money.ts';
import { hourAligned, lastDays, localDate, localMonth, monthRange, offsetShifts, splitUtcDays } from './periods.ts';

/** Orders that count as sales: paid and beyond; pending and cancelled ones do not. */
export const COUNTED_STATUSES = ['paid', 'shipped', 'delivered'] as const;

/** One merchant (a factory id), or null for the whole platform (platform admins only). */
export type MerchantScope = string | null;

export interface BiSettings {
  timeZone: string;
  /** Platform fee in basis points (500 = 5 %). */
  feeBasisPoints: number;
}

/**
 * Whose data a BI call reads (DESIGN.md tenancy): a factory user reads its own factory and a
 * `merchant_id` naming another one answers not found; a platform user reads the merchant it
 * names, or the whole platform when it names none.
 * @throws AppError NOT_FOUND (foreign or unknown merchant), PERMISSION_DENIED (WeChat users).
 */
export async function resolveMerchantScope(
  db: Db,
  user: Pick<Principal, 'userType' | 'factoryId'>,
  merchantId: string | undefined,
): Promise<MerchantScope> {
  if (user.userType === 'factory' && user.factoryId) {
    if (merchantId !== undefined && merchantId !== user.factoryId) throw notFound('Merchant', merchantId);
    return user.factoryId;
  }
  if (user.userType !== 'platform') throw new AppError('PERMISSION_DENIED', 'Merchants and platform administrators only');
  if (merchantId === undefined) return null;
  const exists = await db.selectFrom('factories').select('id').where('id', '=', merchantId).executeTakeFirst();
  if (!exists) throw notFound('Merchant', merchantId);
  return merchantId;
}

type OrdersEb = ExpressionBuilder<Database, 'commerce_orders'>;
/** Counted orders of the scope created in [start, end). */
const countedIn = (scope: MerchantScope, start: number, end: number) => (eb: OrdersEb) =>
  eb.and([
    ...(scope === null ? [] : [eb('commerce_orders.factory_id', '=', scope)]),
    eb('commerce_orders.status', 'in', [...COUNTED_STATUSES]),
    eb('commerce_orders.created_at', '>=', start),
    eb('commerce_orders.created_at', '<', end),
  ]);

const sumCents = (col: string) => sql<number>`coalesce(sum(${sql.ref(col)}), 0)`;
const num = (v: unknown) => Number(v ?? 0);
const DAY_MS = 86_400_000;

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
 * The local day index (0 = the day starting at `start`) of an instant column, for grouping:
 * the wall-clock time since the first local midnight (instant plus the zone's offset change,
 * piecewise constant over the span) divided by 24 h. Inlined integer literals keep the division
 * integral on SQLite (better-sqlite3 binds numbers as REAL).
 */
function localDayIndex(column: string, start: number, shifts: { at: number; shift: number }[]) {
  const col = sql.ref(column);
  const shift = shifts.length
    ? sql`case ${sql.join(
        shifts.map((x, i) => sql`when ${col} < ${sql.lit(x.at)} then ${sql.lit(shifts[i - 1]?.shift ?? 0)}`),
        sql` `,
      )} else ${sql.lit(shifts[shifts.length - 1]!.shift)} end`
    : sql.lit(0);
  return sql<number>`(${col} - ${sql.lit(start)} + ${shift}) / ${sql.lit(DAY_MS)}`;
}

/**
 * Counted orders and their total cents per local day index over [start, end): from the hourly
 * rollups when every day bound and DST shift is a whole UTC hour (each hour then lies in one
 * local day), else from the orders.
 */
async function salesByDay(db: Db, scope: MerchantScope, start: number, end: number, shifts: { at: number; shift: number }[]) {
  if (hourAligned(start, end, ...shifts.map((x) => x.at))) {
    const day = localDayIndex('hour_at', start, shifts);
    const select = [day.as('d'), sumCents('cents').as('cents'), sumCents('orders').as('orders')] as const;
    return scope === null
      ? db
          .selectFrom('bi_platform_sales_hours')
          .select([...select])
          .where('hour_at', '>=', start)
          .where('hour_at', '<', end)
          .groupBy(sql`1`)
          .execute()
      : db
          .selectFrom('bi_sales_hours')
          .select([...select])
          .where('factory_id', '=', scope)
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
 * Distinct customers (emails) with counted orders over [start, end): per local day index and
 * over the whole span. From the orders' time-ordered covering indexes (migration 042 added the
 * email), as the rollups do not keep customers.
 */
async function customersByDay(db: Db, scope: MerchantScope, start: number, end: number, shifts: { at: number; shift: number }[]) {
  const distinct = sql<number>`count(distinct customer_email)`;
  const [days, total] = await Promise.all([
    db
      .selectFrom('commerce_orders')
      .select([localDayIndex('created_at', start, shifts).as('d'), distinct.as('n')])
      .where(countedIn(scope, start, end))
      .groupBy(sql`1`)
      .execute(),
    db
      .selectFrom('commerce_orders')
      .select(distinct.as('n'))
      .where(countedIn(scope, start, end))
      .executeTakeFirst(),
  ]);
  return { byDay: new Map(days.map((r) => [num(r.d), num(r.n)])), total: num(total?.n) };
}

/**
 * Spec 004 bi §1 `GET /api/v1/sales`: revenue (order totals, major unit), order count and average
 * order value over the `days` local calendar days ending today, with one entry per day (empty
 * days included). Counted orders: paid, shipped, delivered. Read from the hourly rollups of
 * migration 042 in whole-hour time zones. Beside spec 004's fields, the BI CLI's (REAL-CLIENTS.md):
 * `summary` {total_revenue, total_orders, avg_order_value, unique_customers} and `daily[]`, each
 * day with spec 004's `revenue`/`orders` and the CLI's `total_revenue`, `order_count`,
 * `avg_order_value`, `unique_customers`. Averages are rounded half up to a cent.
 */
export async function salesReport(db: Db, scope: MerchantScope, days: number, s: BiSettings, now = Date.now()): Promise<SalesReport> {
  const { dates, bounds } = lastDays(days, s.timeZone, now);
  const start = bounds[0]!;
  const end = bounds[bounds.length - 1]!;
  const shifts = offsetShifts(bounds, s.timeZone);
  const [rows, customers] = await Promise.all([salesByDay(db, scope, start, end, shifts), customersByDay(db, scope, start, end, shifts)]);
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

export interface TopProduct {
  product_id: string;
  product_name: string;
  quantity_sold: number;
  revenue: number;
  order_count: number;
}

/**
 * Spec 004 bi §2 `GET /api/v1/products/top`: products by revenue (line totals) over the last
 * `days` local days, then by quantity, then id; `order_count` counts distinct orders. The whole
 * UTC days of the period are read from the daily product rollup of migration 042, the partial
 * days at its edges from the orders (the pieces hold disjoint orders, so their counts add up).
 */
export async function topProducts(
  db: Db,
  scope: MerchantScope,
  days: number,
  limit: number,
  s: BiSettings,
  now = Date.now(),
): Promise<TopProduct[]> {
  const { bounds } = lastDays(days, s.timeZone, now);
  const split = splitUtcDays(bounds[0]!, bounds[bounds.length - 1]!);
  let whole = db
    .selectFrom('bi_product_days')
    .select(['product_id', sql<number>`quantity`.as('qty'), sql<number>`cents`.as('cents'), sql<number>`orders`.as('orders')])
    .where('day_at', '>=', split.days[0])
    .where('day_at', '<', split.days[1]);
  if (scope !== null) whole = whole.where('factory_id', '=', scope);
  const edge = ([from, to]: [number, number]) =>
    db
      .selectFrom('commerce_order_items as i')
      .innerJoin('commerce_orders', 'commerce_orders.id', 'i.order_id')
      .select([
        'i.product_id',
        sumCents('i.quantity').as('qty'),
        sumCents('i.total_cents').as('cents'),
        sql<number>`count(distinct i.order_id)`.as('orders'),
      ])
      .where(countedIn(scope, from, to))
      .groupBy('i.product_id');
  const pieces = split.edges.reduce((q, e) => q.unionAll(edge(e)), whole);
  // sum the pieces per product, then join the names of the (few) products sold and rank them
  const sold = db
    .selectFrom(pieces.as('u'))
    .select(['u.product_id', sumCents('u.qty').as('qty'), sumCents('u.cents').as('cents'), sumCents('u.orders').as('orders')])
    .groupBy('u.product_id');
  const rows = await db
    .selectFrom(sold.as('t'))
    .innerJoin('commerce_products as p', 'p.id', 't.product_id')
    .select(['t.product_id', 'p.name', 't.qty', 't.cents', 't.orders'])
    // rollup rows of cancelled sales remain at zero: a product sold in the period has an order
    .where('t.orders', '>', 0)
    .orderBy('t.cents', 'desc')
    .orderBy('t.qty', 'desc')
    .orderBy('t.product_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    product_id: r.product_id,
    product_name: r.name,
    quantity_sold: num(r.qty),
    revenue: toMajor(num(r.cents)),
    order_count: num(r.orders),
  }));
}

export interface CustomerReport {
  total_customers: number;
  new_customers: number;
  repeat_customers: number;
  repeat_rate: number;
  top_customers: { customer_email: string; order_count: number; total_spent: number; first_order_date: string; last_order_date: string }[];
}

/**
 * Spec 004 bi §3 `GET /api/v1/customers` over the last `days` local days. A customer is an email.
 * total: customers with a counted order in the period; new: those whose first counted order ever
 * (with this merchant) is in the period; repeat: those with two or more orders in the period;
 * repeat_rate = repeat / total, 4 decimals. Top 10 customers by spend in the period; their
 * first and last order dates are all-time, local dates.
 */
export async function customerReport(db: Db, scope: MerchantScope, days: number, s: BiSettings, now = Date.now()): Promise<CustomerReport> {
  const { bounds } = lastDays(days, s.timeZone, now);
  const start = bounds[0]!;
  const end = bounds[bounds.length - 1]!;
  const inPeriod = db
    .selectFrom('commerce_orders')
    .select(['customer_email', sql<number>`count(*)`.as('orders'), sumCents('total_cents').as('cents')])
    .where(countedIn(scope, start, end))
    .groupBy('customer_email');
  const totals = await db
    .selectFrom(inPeriod.as('c'))
    .select([sql<number>`count(*)`.as('total'), sql<number>`coalesce(sum(case when c.orders >= 2 then 1 else 0 end), 0)`.as('repeat')])
    .executeTakeFirst();
  // new: customers whose first counted order (in the scope) is in the period, from the
  // trigger-maintained first orders of migration 042
  const news =
    scope === null
      ? await db
          .selectFrom('bi_platform_customer_firsts')
          .select(sql<number>`count(*)`.as('n'))
          .where('first_at', '>=', start)
          .where('first_at', '<', end)
          .executeTakeFirst()
      : await db
          .selectFrom('bi_customer_firsts')
          .select(sql<number>`count(*)`.as('n'))
          .where('factory_id', '=', scope)
          .where('first_at', '>=', start)
          .where('first_at', '<', end)
          .executeTakeFirst();
  const top = await inPeriod.orderBy(sql`coalesce(sum(total_cents), 0)`, 'desc').orderBy('customer_email').limit(10).execute();
  const emails = top.map((r) => r.customer_email);
  const spans = emails.length
    ? await db
        .selectFrom('commerce_orders')
        .select(['customer_email', sql<number>`min(created_at)`.as('first_at'), sql<number>`max(created_at)`.as('last_at')])
        .where(countedIn(scope, 0, end))
        .where('customer_email', 'in', emails)
        .groupBy('customer_email')
        .execute()
    : [];
  const span = new Map(spans.map((r) => [r.customer_email, r]));
  const total = num(totals?.total);
  const repeat = num(totals?.repeat);
  return {
    total_customers: total,
    new_customers: num(news?.n),
    repeat_customers: repeat,
    repeat_rate: total ? Math.round((repeat / total) * 10_000) / 10_000 : 0,
    top_customers: top.map((r) => ({
      customer_email: r.customer_email,
      order_count: num(r.orders),
      total_spent: toMajor(num(r.cents)),
      first_order_date: localDate(num(span.get(r.customer_email)?.first_at), s.timeZone),
      last_order_date: localDate(num(span.get(r.customer_email)?.last_at), s.timeZone),
    })),
  };
}

/** `YYYY-MM` as given, or the current local month. */
export function monthOrCurrent(month: string | undefined, timeZone: string, now = Date.now()): string {
  return month ?? localMonth(now, timeZone);
}

/**
 * Gross revenue (cents) and counted orders per merchant with at least one counted order in
 * [start, end): from the hourly rollup when both bounds are whole UTC hours, else the orders.
 */
async function grossByMerchant(db: Db, scope: MerchantScope, start: number, end: number) {
  let rows: { factory_id: string; cents: number; orders: number }[];
  if (hourAligned(start, end)) {
    let q = db
      .selectFrom('bi_sales_hours')
      .select(['factory_id', sumCents('cents').as('cents'), sumCents('orders').as('orders')])
      .where('hour_at', '>=', start)
      .where('hour_at', '<', end);
    if (scope !== null) q = q.where('factory_id', '=', scope);
    rows = await q.groupBy('factory_id').having(sql`sum(orders)`, '>', 0).execute();
  } else {
    rows = await db
      .selectFrom('commerce_orders')
      .select(['factory_id', sumCents('total_cents').as('cents'), sql<number>`count(*)`.as('orders')])
      .where(countedIn(scope, start, end))
      .groupBy('factory_id')
      .execute();
  }
  return rows.map((r) => ({ factoryId: r.factory_id, cents: num(r.cents), orders: num(r.orders) }));
}

/** The platform fee of several merchants: rounded per merchant, then summed (each pays its own). */
const feeOf = (merchants: { cents: number }[], bps: number) => merchants.reduce((a, m) => a + applyRate(m.cents, bps), 0);

export interface FinancialReport {
  gross_revenue: number;
  platform_fee: number;
  net_revenue: number;
  pending_transfers: number;
  completed_transfers: number;
  transfer_count: number;
}

/**
 * Spec 004 bi §4 `GET /api/v1/financial` for a local calendar month: gross revenue of counted
 * orders, the platform fee (config PLATFORM_FEE_RATE, rounded half up per merchant), net =
 * gross − fee, and the payouts created in the month by status.
 */
export async function financialReport(db: Db, scope: MerchantScope, month: string, s: BiSettings): Promise<FinancialReport> {
  const { start, end } = monthRange(month, s.timeZone);
  const merchants = await grossByMerchant(db, scope, start, end);
  const gross = merchants.reduce((a, m) => a + m.cents, 0);
  const fee = feeOf(merchants, s.feeBasisPoints);
  let q = db
    .selectFrom('commerce_transfers')
    .select([
      sql<number>`coalesce(sum(case when status = 'pending' then amount_cents else 0 end), 0)`.as('pending'),
      sql<number>`coalesce(sum(case when status = 'completed' then amount_cents else 0 end), 0)`.as('completed'),
      sql<number>`count(*)`.as('n'),
    ])
    .where('created_at', '>=', start)
    .where('created_at', '<', end);
  if (scope !== null) q = q.where('factory_id', '=', scope);
  const t = await q.executeTakeFirst();
  return {
    gross_revenue: toMajor(gross),
    platform_fee: toMajor(fee),
    net_revenue: toMajor(gross - fee),
    pending_transfers: toMajor(num(t?.pending)),
    completed_transfers: toMajor(num(t?.completed)),
    transfer_count: num(t?.n),
  };
}

export interface PlatformOverview {
  platform_gmv: number;
  total_orders: number;
  active_merchants: number;
  new_merchants: number;
  platform_revenue: number;
  subscription_mrr: number;
}

/**
 * Spec 004 bi §5 `GET /api/v1/platform/overview` for a local calendar month: GMV and orders
 * (counted orders), merchants with at least one counted order, merchants created in the month,
 * platform fees (as in the financial report), and the MRR of subscriptions active at the end of
 * the month (or now, for the current month): monthly prices plus yearly prices / 12, rounded
 * half up to a cent once.
 */
export async function platformOverview(db: Db, month: string, s: BiSettings, now = Date.now()): Promise<PlatformOverview> {
  const { start, end } = monthRange(month, s.timeZone);
  const merchants = await grossByMerchant(db, null, start, end);
  const created = await db
    .selectFrom('factories')
    .select(sql<number>`count(*)`.as('n'))
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .executeTakeFirst();
  const at = Math.min(end, now);
  const subs = await db
    .selectFrom('commerce_subscriptions')
    .select([
      sql<number>`coalesce(sum(case when billing_interval = 'month' then amount_cents else 0 end), 0)`.as('monthly'),
      sql<number>`coalesce(sum(case when billing_interval = 'year' then amount_cents else 0 end), 0)`.as('yearly'),
    ])
    .where('started_at', '<', at)
    .where((eb) => eb.or([eb('cancelled_at', 'is', null), eb('cancelled_at', '>', at)]))
    .executeTakeFirst();
  return {
    platform_gmv: toMajor(merchants.reduce((a, m) => a + m.cents, 0)),
    total_orders: merchants.reduce((a, m) => a + m.orders, 0),
    active_merchants: merchants.length,
    new_merchants: num(created?.n),
    platform_revenue: toMajor(feeOf(merchants, s.feeBasisPoints)),
    subscription_mrr: toMajor(num(subs?.monthly) + averageCents(num(subs?.yearly), 12)),
  };
}
