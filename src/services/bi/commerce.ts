import { sql } from 'kysely';
import type { CommerceOrderStatus, ProductStatus } from '../../../db/database.ts';
import type { Db } from '../../db/connect.ts';
import { toDecimalString } from './money.ts';

export interface Page {
  limit: number;
  offset: number;
}

const pageInfo = (p: Page, total: number, rows: number) => ({
  total,
  page: Math.floor(p.offset / p.limit) + 1,
  has_next: p.offset + rows < total,
});

/**
 * Spec 004 commerce reference `GET /api/shops/{merchant_id}/products`: one merchant's products,
 * newest first, prices as decimal strings; `{products, total, page, has_next}` (page = offset /
 * limit + 1). The caller resolved the merchant scope.
 */
export async function listProducts(db: Db, merchantId: string, filter: { status?: ProductStatus } & Page) {
  let q = db.selectFrom('commerce_products').where('factory_id', '=', merchantId);
  if (filter.status) q = q.where('status', '=', filter.status);
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    q.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(filter.limit).offset(filter.offset).execute(),
  ]);
  return {
    products: rows.map((r) => ({
      id: r.id,
      merchant_id: r.factory_id,
      name: r.name,
      price: toDecimalString(Number(r.price_cents)),
      currency: r.currency,
      stock_quantity: Number(r.stock_quantity),
      status: r.status,
      created_at: new Date(Number(r.created_at)).toISOString(),
    })),
    ...pageInfo(filter, Number(count?.n ?? 0), rows.length),
  };
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
  const [count, rows] = await Promise.all([
    counts.select(sql<number>`coalesce(sum(orders), 0)`.as('n')).executeTakeFirst(),
    q.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(filter.limit).offset(filter.offset).execute(),
  ]);
  return {
    orders: rows.map((r) => ({
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
    })),
    ...pageInfo(filter, Number(count?.n ?? 0), rows.length),
  };
}
