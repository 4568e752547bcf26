import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { toMajor } from './money.ts';
import { lastDays, splitUtcBuckets } from './periods.ts';
import { countedIn, num, sumCents } from './queries.ts';
import type { BiSettings, MerchantScope } from './scope.ts';

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
 * UTC days of the period are read from the daily product rollup of migration 042, the whole UTC
 * hours of the partial days at its edges from the hourly one of 093, and what remains (less than
 * an hour at each end: the current hour, or a half-hour zone's offset) from the orders; the
 * pieces hold disjoint orders, so their counts add up.
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
  const split = splitUtcBuckets(bounds[0]!, bounds[bounds.length - 1]!);
  // rollup rows of whole UTC days or hours in [from, to)
  const rollup = (table: 'bi_product_days' | 'bi_product_hours', at: 'day_at' | 'hour_at', [from, to]: [number, number]) => {
    const q = db
      .selectFrom(table)
      .select(['product_id', sql<number>`quantity`.as('qty'), sql<number>`cents`.as('cents'), sql<number>`orders`.as('orders')])
      .where(at, '>=', from)
      .where(at, '<', to);
    return scope === null ? q : q.where('factory_id', '=', scope);
  };
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
  const withHours = split.hours.reduce(
    (q, h) => q.unionAll(rollup('bi_product_hours', 'hour_at', h)),
    rollup('bi_product_days', 'day_at', split.days),
  );
  const pieces = split.edges.reduce((q, e) => q.unionAll(edge(e)), withHours);
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
