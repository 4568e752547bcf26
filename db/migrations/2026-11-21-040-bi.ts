import type { Kysely } from 'kysely';
import { createIndex, ms, notNull, refersTo, stamps, tenantTable, withId } from './helpers.ts';

/**
 * BI (spec 004): the OAuth device authorizations of RFC 8628, the failed user-code entries that
 * limit guessing on the /device page, and the commerce tables the analytics read. A merchant is a
 * factory (`factory_id`); money is integer cents.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('oauth_device_codes')
    .addColumn('device_code_hash', 'varchar(64)', (c) => c.primaryKey()) // SHA-256 hex; the code itself is never stored
    .addColumn('user_code', 'varchar(8)', (c) => c.notNull().unique()) // 8 letters, no dash
    .addColumn('client_id', 'varchar(100)', notNull)
    .addColumn('scope', 'varchar(200)')
    .addColumn('status', 'varchar(16)', notNull) // pending | approved | denied | consumed
    .addColumn('user_id', 'bigint', (c) => c.references('users.id'))
    .addColumn('interval_s', 'integer', notNull)
    .addColumn('last_polled_at', ms)
    .addColumn('expires_at', ms, notNull)
    .addColumn('created_at', ms, notNull)
    .addColumn('decided_at', ms)
    .execute();
  await createIndex(db, 'oauth_device_codes_expires_idx', 'oauth_device_codes', 'expires_at');

  await withId(db, db.schema.createTable('oauth_user_code_failures'))
    .addColumn('key', 'varchar(128)', notNull) // `s:<session id>` or `ip:<address>`
    .addColumn('at', ms, notNull)
    .execute();
  await createIndex(db, 'oauth_user_code_failures_key_idx', 'oauth_user_code_failures', ['key', 'at']);

  await db.schema
    .createTable('commerce_products')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('factory_id', 'varchar(64)', refersTo('factories.id'))
    .addColumn('name', 'varchar(200)', notNull)
    .addColumn('price_cents', 'bigint', notNull)
    .addColumn('currency', 'varchar(3)', notNull)
    .addColumn('stock_quantity', 'integer', notNull)
    .addColumn('status', 'varchar(16)', notNull) // active | inactive | archived
    .addColumn('created_at', ms, notNull)
    .execute();
  await createIndex(db, 'commerce_products_factory_idx', 'commerce_products', ['factory_id', 'created_at']);

  await db.schema
    .createTable('commerce_orders')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('order_number', 'varchar(64)', notNull)
    .addColumn('factory_id', 'varchar(64)', refersTo('factories.id'))
    .addColumn('customer_email', 'varchar(200)', notNull)
    .addColumn('customer_name', 'varchar(200)')
    .addColumn('status', 'varchar(16)', notNull) // pending | paid | shipped | delivered | cancelled
    .addColumn('subtotal_cents', 'bigint', notNull)
    .addColumn('shipping_fee_cents', 'bigint', notNull)
    .addColumn('tax_cents', 'bigint', notNull)
    .addColumn('total_cents', 'bigint', notNull)
    .addColumn('currency', 'varchar(3)', notNull)
    .$call(stamps)
    .execute();
  await createIndex(db, 'commerce_orders_factory_created_idx', 'commerce_orders', ['factory_id', 'created_at']);
  await createIndex(db, 'commerce_orders_created_idx', 'commerce_orders', 'created_at');
  await createIndex(db, 'commerce_orders_customer_idx', 'commerce_orders', ['factory_id', 'customer_email', 'created_at']);

  await withId(db, db.schema.createTable('commerce_order_items'))
    .addColumn('order_id', 'varchar(64)', refersTo('commerce_orders.id'))
    .addColumn('product_id', 'varchar(64)', refersTo('commerce_products.id'))
    .addColumn('product_name', 'varchar(200)', notNull)
    .addColumn('quantity', 'integer', notNull)
    .addColumn('unit_price_cents', 'bigint', notNull)
    .addColumn('total_cents', 'bigint', notNull)
    .execute();
  await createIndex(db, 'commerce_order_items_order_idx', 'commerce_order_items', 'order_id');

  await tenantTable(db, 'commerce_transfers')
    .addColumn('amount_cents', 'bigint', notNull)
    .addColumn('status', 'varchar(16)', notNull) // pending | completed
    .addColumn('created_at', ms, notNull)
    .addColumn('completed_at', ms)
    .execute();
  await createIndex(db, 'commerce_transfers_factory_idx', 'commerce_transfers', ['factory_id', 'created_at']);

  await tenantTable(db, 'commerce_subscriptions')
    .addColumn('plan', 'varchar(64)', notNull)
    .addColumn('amount_cents', 'bigint', notNull) // per billing interval
    .addColumn('billing_interval', 'varchar(8)', notNull) // month | year
    .addColumn('started_at', ms, notNull)
    .addColumn('cancelled_at', ms)
    .execute();
  await createIndex(db, 'commerce_subscriptions_factory_idx', 'commerce_subscriptions', 'factory_id');
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'commerce_subscriptions',
    'commerce_transfers',
    'commerce_order_items',
    'commerce_orders',
    'commerce_products',
    'oauth_user_code_failures',
    'oauth_device_codes',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
