import type { Kysely } from 'kysely';
import { createIndex, notNull, refersTo } from './helpers.ts';

/**
 * The embedded ERP's delivery orders (发运单): each shipment of an order with its date, carrier,
 * waybill number, address, remark, product lines and photo attachments, for the mini-program's
 * order detail page. Orders are also looked up by order number within a company.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('erp_delivery_orders')
    .addColumn('delivery_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('order_id', 'varchar(64)', refersTo('erp_orders.order_id'))
    .addColumn('seq', 'integer', notNull)
    .addColumn('delivery_no', 'varchar(64)', notNull)
    .addColumn('delivery_date', 'varchar(10)', notNull) // YYYY-MM-DD
    .addColumn('logistics_company', 'varchar(100)')
    .addColumn('logistics_code', 'varchar(64)') // the waybill number
    .addColumn('address', 'varchar(500)')
    .addColumn('remark', 'varchar(500)')
    .execute();
  await createIndex(db, 'erp_delivery_orders_order_idx', 'erp_delivery_orders', ['order_id', 'seq']);

  await db.schema
    .createTable('erp_delivery_items')
    .addColumn('delivery_id', 'varchar(64)', refersTo('erp_delivery_orders.delivery_id'))
    .addColumn('seq', 'integer', notNull)
    .addColumn('product_name', 'varchar(200)', notNull)
    .addColumn('spec', 'varchar(200)')
    .addColumn('quantity', 'real', notNull)
    .addColumn('unit', 'varchar(16)')
    .addPrimaryKeyConstraint('erp_delivery_items_pk', ['delivery_id', 'seq'])
    .execute();

  await db.schema
    .createTable('erp_delivery_attachments')
    .addColumn('delivery_id', 'varchar(64)', refersTo('erp_delivery_orders.delivery_id'))
    .addColumn('seq', 'integer', notNull)
    .addColumn('url', 'varchar(1000)', notNull)
    .addPrimaryKeyConstraint('erp_delivery_attachments_pk', ['delivery_id', 'seq'])
    .execute();

  // the detail page opens an order by its number as well as by its id
  await createIndex(db, 'erp_orders_company_no_idx', 'erp_orders', ['company_id', 'order_no']);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('erp_orders_company_no_idx').ifExists().execute();
  for (const t of ['erp_delivery_attachments', 'erp_delivery_items', 'erp_delivery_orders']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
