/** SQL building blocks the BI reports share: which orders count, sums, local day indexes. */
import { type ExpressionBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from '../../../db/database.ts';
import type { Db } from '../../db/connect.ts';
import type { MerchantScope } from './scope.ts';

/** Orders that count as sales: paid and beyond; pending and cancelled ones do not. */
export const COUNTED_STATUSES = ['paid', 'shipped', 'delivered'] as const;

type OrdersEb = ExpressionBuilder<Database, 'commerce_orders'>;
/** Counted orders of the scope created in [start, end) (epoch ms). */
export const countedIn = (scope: MerchantScope, start: number, end: number) => (eb: OrdersEb) =>
  eb.and([
    ...(scope === null ? [] : [eb('commerce_orders.factory_id', '=', scope)]),
    eb('commerce_orders.status', 'in', [...COUNTED_STATUSES]),
    eb('commerce_orders.created_at', '>=', start),
    eb('commerce_orders.created_at', '<', end),
  ]);

/** `coalesce(sum(col), 0)`: an integer sum that is 0 over no rows. */
export const sumCents = (col: string) => sql<number>`coalesce(sum(${sql.ref(col)}), 0)`;
/** A driver's count or sum (string on Postgres bigint, null when absent) as a number. */
export const num = (v: unknown) => Number(v ?? 0);
export const DAY_MS = 86_400_000;

/** Offset changes inside a span of local days (periods.ts offsetShifts). */
export type Shifts = { at: number; shift: number }[];

/**
 * The local day index (0 = the day starting at `start`) of an instant column, for grouping:
 * the wall-clock time since the first local midnight (instant plus the zone's offset change,
 * piecewise constant over the span) divided by 24 h. Inlined integer literals keep the division
 * integral on SQLite (better-sqlite3 binds numbers as REAL).
 */
export function localDayIndex(column: string, start: number, shifts: Shifts) {
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
 * The hourly sales rollup of a scope (migration 042): one merchant's rows of `bi_sales_hours`,
 * or `bi_platform_sales_hours` for the platform. Both have `hour_at`, `orders` and `cents`.
 */
export function salesHours(db: Db, scope: MerchantScope) {
  return scope === null
    ? db.selectFrom('bi_platform_sales_hours')
    : (db.selectFrom('bi_sales_hours').where('factory_id', '=', scope) as unknown as SelectQueryBuilder<
        Database,
        'bi_platform_sales_hours',
        object
      >);
}

/** Customer rollups kept per merchant (`bi_<name>`, with `factory_id`) and platform-wide (`bi_platform_<name>`). */
export type CustomerRollup =
  | 'customer_firsts'
  | 'customer_gaps'
  | 'customer_last_hours'
  | 'customer_first_hours'
  | 'customer_prev_hours'
  | 'customer_spend';

/**
 * A customer rollup of a scope: one merchant's rows of `bi_<name>`, or `bi_platform_<name>` for the
 * platform, typed as the platform's table (the same columns but `factory_id`).
 */
export function customerRollup<T extends CustomerRollup>(db: Db, scope: MerchantScope, name: T) {
  type Platform = SelectQueryBuilder<Database, `bi_platform_${T}`, object>;
  if (scope === null) return db.selectFrom(`bi_platform_${name}` as 'bi_platform_customer_firsts') as unknown as Platform;
  return db.selectFrom(`bi_${name}` as 'bi_customer_firsts').where('factory_id', '=', scope) as unknown as Platform;
}
