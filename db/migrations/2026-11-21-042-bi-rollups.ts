import { type CreateTableBuilder, type Kysely, sql } from 'kysely';
import { backfill, createTriggers, dropTriggers } from './bi-rollup-triggers.ts';
import { createIndex, isPostgres, notNull } from './helpers.ts';

/**
 * BI rollups (issue 6, spec 004 bi): running totals kept exact by database triggers, so that the
 * reports read a few thousand rollup rows instead of up to a million orders, and any writer of
 * the commerce tables (the API, the generator, test fixtures inserting directly) keeps them exact.
 * Only "counted" orders (paid, shipped, delivered) contribute to sales figures; an order changing
 * status, time, total or merchant moves its contribution (UPDATE triggers).
 * - `bi_sales_hours`: per merchant (the order's factory) and UTC hour (`hour_at`, epoch ms of the
 *   hour's start): counted orders and their total cents. Local days in any whole-hour time zone
 *   are unions of whole hours (sales per local day, financial and overview months).
 * - `bi_platform_sales_hours`: the same summed over merchants (platform-wide sales).
 * - `bi_product_days`: per merchant, UTC day (`day_at`) and product: quantity, line-total cents
 *   and distinct orders, of the items of counted orders (top products; partial days at the edges
 *   of a period are read from the orders themselves).
 * - `bi_order_counts`: orders per merchant and status, any status (order listing totals).
 * - `bi_customer_firsts` / `bi_platform_customer_firsts`: the first counted order of each
 *   customer (email) per merchant / on the platform, null when none (new customers).
 * And order indexes for the customer report's period scans and for order listings by status.
 * Rows whose figures fall back to zero stay (readers ignore zero rows where it matters).
 */
/** 041's time-ordered covering indexes of orders, and their replacements with the email. */
const WIDENED: [old: string, next: string, columns: string[], oldColumns: string[]][] = [
  [
    'commerce_orders_factory_created_cov_idx',
    'commerce_orders_factory_created_email_idx',
    ['factory_id', 'created_at', 'status', 'total_cents', 'customer_email'],
    ['factory_id', 'created_at', 'status', 'total_cents'],
  ],
  [
    'commerce_orders_created_cov_idx',
    'commerce_orders_created_email_idx',
    ['created_at', 'status', 'factory_id', 'total_cents', 'customer_email'],
    ['created_at', 'status', 'factory_id', 'total_cents'],
  ],
];

/** On SQLite a rollup table is clustered on its key (WITHOUT ROWID): range reads need no row lookups. */
const clustered = (db: Kysely<any>) => (t: CreateTableBuilder<string, string>) => (isPostgres(db) ? t : t.modifyEnd(sql`without rowid`));

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bi_sales_hours')
    .addColumn('factory_id', 'varchar(64)', notNull)
    .addColumn('hour_at', 'bigint', notNull)
    .addColumn('orders', 'bigint', notNull)
    .addColumn('cents', 'bigint', notNull)
    .addPrimaryKeyConstraint('bi_sales_hours_pk', ['factory_id', 'hour_at'])
    .$call(clustered(db))
    .execute();
  // platform-wide months (financial, overview): every merchant's hours of a month
  await createIndex(db, 'bi_sales_hours_hour_idx', 'bi_sales_hours', ['hour_at', 'factory_id', 'orders', 'cents']);
  await db.schema
    .createTable('bi_platform_sales_hours')
    .addColumn('hour_at', 'bigint', (c) => c.primaryKey())
    .addColumn('orders', 'bigint', notNull)
    .addColumn('cents', 'bigint', notNull)
    .$call(clustered(db))
    .execute();
  await db.schema
    .createTable('bi_product_days')
    .addColumn('factory_id', 'varchar(64)', notNull)
    .addColumn('day_at', 'bigint', notNull)
    .addColumn('product_id', 'varchar(64)', notNull)
    .addColumn('quantity', 'bigint', notNull)
    .addColumn('cents', 'bigint', notNull)
    .addColumn('orders', 'bigint', notNull)
    .addPrimaryKeyConstraint('bi_product_days_pk', ['factory_id', 'day_at', 'product_id'])
    .$call(clustered(db))
    .execute();
  // platform-wide top products read by day across merchants
  await createIndex(db, 'bi_product_days_day_idx', 'bi_product_days', ['day_at', 'product_id', 'quantity', 'cents', 'orders']);
  await db.schema
    .createTable('bi_order_counts')
    .addColumn('factory_id', 'varchar(64)', notNull)
    .addColumn('status', 'varchar(16)', notNull)
    .addColumn('orders', 'bigint', notNull)
    .addPrimaryKeyConstraint('bi_order_counts_pk', ['factory_id', 'status'])
    .$call(clustered(db))
    .execute();
  await db.schema
    .createTable('bi_customer_firsts')
    .addColumn('factory_id', 'varchar(64)', notNull)
    .addColumn('customer_email', 'varchar(200)', notNull)
    .addColumn('first_at', 'bigint')
    .addPrimaryKeyConstraint('bi_customer_firsts_pk', ['factory_id', 'customer_email'])
    .$call(clustered(db))
    .execute();
  await createIndex(db, 'bi_customer_firsts_first_idx', 'bi_customer_firsts', ['factory_id', 'first_at']);
  await db.schema
    .createTable('bi_platform_customer_firsts')
    .addColumn('customer_email', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('first_at', 'bigint')
    .execute();
  await createIndex(db, 'bi_platform_customer_firsts_first_idx', 'bi_platform_customer_firsts', 'first_at');
  // the customer report groups a period's orders by email: the time-ordered covering indexes of
  // 041 gain the email
  for (const [old, next, columns] of WIDENED) {
    await createIndex(db, next, 'commerce_orders', columns);
    await db.schema.dropIndex(old).execute();
  }
  // newest-first order listings with a status filter walk this index to their offset
  await createIndex(db, 'commerce_orders_factory_status_created_idx', 'commerce_orders', ['factory_id', 'status', 'created_at desc', 'id']);
  await backfill(db);
  await createTriggers(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropTriggers(db);
  await db.schema.dropIndex('commerce_orders_factory_status_created_idx').execute();
  for (const [old, next, , oldColumns] of WIDENED) {
    await createIndex(db, old, 'commerce_orders', oldColumns);
    await db.schema.dropIndex(next).execute();
  }
  for (const t of [
    'bi_platform_customer_firsts',
    'bi_customer_firsts',
    'bi_order_counts',
    'bi_product_days',
    'bi_platform_sales_hours',
    'bi_sales_hours',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
