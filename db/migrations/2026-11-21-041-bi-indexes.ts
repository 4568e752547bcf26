import type { Kysely } from 'kysely';
import { createIndex } from './helpers.ts';

/**
 * BI read paths at a million orders (issue 6, `npm run bench -- --suite bi`): covering indexes
 * that hold every column the analytics read, so that the reports scan index ranges in order
 * instead of visiting table rows.
 * - orders by merchant and time (+ status, total): sales, financial, per-merchant overview,
 *   and the newest-first order listing;
 * - orders by time (+ status, merchant, total): platform-wide sales, financial and overview;
 * - orders by merchant and customer (+ time, status, total): the customer report;
 * - order items by order (+ product, quantity, total): top products.
 * Each replaces the narrower index of 040 that is its prefix. Plus orders by customer email
 * (+ time, status) for the platform-wide customer report (a customer is an email across
 * merchants: "has this customer ordered before the period?").
 */
const REPLACED: [name: string, table: string, old: string[], next: string, columns: string[]][] = [
  [
    'commerce_orders_factory_created_idx',
    'commerce_orders',
    ['factory_id', 'created_at'],
    'commerce_orders_factory_created_cov_idx',
    ['factory_id', 'created_at', 'status', 'total_cents'],
  ],
  [
    'commerce_orders_created_idx',
    'commerce_orders',
    ['created_at'],
    'commerce_orders_created_cov_idx',
    ['created_at', 'status', 'factory_id', 'total_cents'],
  ],
  [
    'commerce_orders_customer_idx',
    'commerce_orders',
    ['factory_id', 'customer_email', 'created_at'],
    'commerce_orders_customer_cov_idx',
    ['factory_id', 'customer_email', 'created_at', 'status', 'total_cents'],
  ],
  [
    'commerce_order_items_order_idx',
    'commerce_order_items',
    ['order_id'],
    'commerce_order_items_order_cov_idx',
    ['order_id', 'product_id', 'quantity', 'total_cents'],
  ],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [old, table, , next, columns] of REPLACED) {
    await createIndex(db, next, table, columns);
    await db.schema.dropIndex(old).execute();
  }
  await createIndex(db, 'commerce_orders_email_idx', 'commerce_orders', ['customer_email', 'created_at', 'status']);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('commerce_orders_email_idx').execute();
  for (const [old, table, oldColumns, next] of REPLACED) {
    await createIndex(db, old, table, oldColumns);
    await db.schema.dropIndex(next).execute();
  }
}
