import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { applyRate } from './money.ts';
import { hourAligned } from './periods.ts';
import { countedIn, num, sumCents } from './queries.ts';
import type { MerchantScope } from './scope.ts';

/** One merchant's counted sales over a span: gross cents and orders. */
export interface MerchantGross {
  factoryId: string;
  cents: number;
  orders: number;
}

/**
 * Gross revenue (cents) and counted orders per merchant with at least one counted order in
 * [start, end) (epoch ms), for the financial report and the platform overview: from the hourly
 * rollup when both bounds are whole UTC hours, else from the orders.
 */
export async function grossByMerchant(db: Db, scope: MerchantScope, start: number, end: number): Promise<MerchantGross[]> {
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

/** The platform fee (cents) of several merchants: rounded half up per merchant, then summed (each pays its own). */
export const feeOf = (merchants: { cents: number }[], basisPoints: number): number =>
  merchants.reduce((a, m) => a + applyRate(m.cents, basisPoints), 0);

/** Total gross cents of several merchants. */
export const grossOf = (merchants: { cents: number }[]): number => merchants.reduce((a, m) => a + m.cents, 0);
