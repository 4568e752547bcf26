import { type SelectQueryBuilder, sql } from 'kysely';
import type { CommerceOrderStatus, ProductStatus } from '../../../db/database.ts';
import type { Db } from '../../db/connect.ts';
import { toDecimalString } from './money.ts';

export interface Page {
  limit: number;
  offset: number;
}

/**
 * One page of a listing, newest first then by id, mapped by `map`, with `{total, page, has_next}`
 * (page = offset / limit + 1); `total` from `count` (a query selecting `n`).
 */
async function newestFirst<R, T>(
  rows: SelectQueryBuilder<any, any, R>,
  count: Promise<{ n: unknown } | undefined>,
  p: Page,
  map: (row: R) => T,
) {
  const [c, page] = await Promise.all([count, rows.orderBy('created_at', 'desc').orderBy('id').limit(p.limit).offset(p.offset).execute()]);
  const total = Number(c?.n ?? 0);
  return { items: page.map(map), info: { total, page: Math.floor(p.offset / p.limit) + 1, has_next: p.offset + page.length < total } };
}

/**
 * Spec 004 commerce reference `GET /api/shops/{merchant_id}/products`: one merchant's products,
 * newest first, prices as decimal strings; `{products, total, page, has_next}` (page = offset /
 * limit + 1). The caller resolved the merchant scope.
 */
export async function listProducts(db: Db, merchantId: string, filter: { status?: ProductStatus } & Page) {
  let q = db.selectFrom('commerce_products').where('factory_id', '=', merchantId);
  if (filter.status) q = q.where('status', '=', filter.status);
  const count = q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const { items, info } = await newestFirst(q.selectAll(), count, filter, (r) => ({
    id: r.id,
    merchant_id: r.factory_id,
    name: r.name,
    price: toDecimalString(Number(r.price_cents)),
    currency: r.currency,
    stock_quantity: Number(r.stock_quantity),
    status: r.status,
    created_at: new Date(Number(r.created_at)).toISOString(),
  }));
  return { products: items, ...info };
}

/**
 * Spec 004 commerce reference `GET /api/orders`: one merchant's orders, newest first (then by
 * id), amounts as decimal strings, times ISO 8601. `total` comes from the per-status order
 * counts of migration 042 (trigger-maintained, so exact) rather than counting the orders.
 * The caller resolved the merchant scope.
 */
export async function listOrders(db: Db, merchantId: string, filter: { status?: CommerceOrderStatus } & Page) {
  let q = db.selectFrom('commerce_orders').where('factory_id', '=', merchantId);
  let counts = db.selectFrom('bi_order_counts').where('factory_id', '=', merchantId);
  if (filter.status) {
    q = q.where('status', '=', filter.status);
    counts = counts.where('status', '=', filter.status);
  }
  const count = counts.select(sql<number>`coalesce(sum(orders), 0)`.as('n')).executeTakeFirst();
  const { items, info } = await newestFirst(q.selectAll(), count, filter, (r) => ({
    id: r.id,
    order_number: r.order_number,
    merchant_id: r.factory_id,
    customer_email: r.customer_email,
    customer_name: r.customer_name,
    status: r.status,
    subtotal: toDecimalString(Number(r.subtotal_cents)),
    shipping_fee: toDecimalString(Number(r.shipping_fee_cents)),
    tax_amount: toDecimalString(Number(r.tax_cents)),
    amount_total: toDecimalString(Number(r.total_cents)),
    currency: r.currency,
    created_at: new Date(Number(r.created_at)).toISOString(),
    updated_at: new Date(Number(r.updated_at)).toISOString(),
  }));
  return { orders: items, ...info };
}
