import type { Kysely } from 'kysely';
import { createIndex, ms, notNull, refersTo, withId } from './helpers.ts';

/**
 * The embedded ERP (the default ERP when no ERP_BASE_URL is configured) and the mini-program's
 * own records: company bindings and subscribe-message logs (spec 000).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('erp_companies')
    .addColumn('company_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('company_name', 'varchar(200)', notNull)
    .addColumn('customer_id', 'varchar(64)', notNull)
    .addColumn('invite_code', 'varchar(64)', notNull)
    .execute();
  await createIndex(db, 'erp_companies_invite_idx', 'erp_companies', 'invite_code');

  await db.schema
    .createTable('erp_orders')
    .addColumn('order_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('order_no', 'varchar(64)', notNull)
    .addColumn('company_id', 'varchar(64)', refersTo('erp_companies.company_id'))
    .addColumn('customer_name', 'varchar(200)', notNull)
    .addColumn('order_date', 'varchar(32)', notNull) // ISO 8601 UTC, sorts as text
    .addColumn('status', 'varchar(16)', notNull)
    .addColumn('total_amount_cents', 'bigint', notNull)
    .addColumn('delivery_date', 'varchar(32)')
    .addColumn('remark', 'varchar(500)')
    .addColumn('updated_at', ms, notNull)
    .execute();
  // Index for the sort, not only the filter (STACK-NOTES): search is company + newest first.
  await createIndex(db, 'erp_orders_company_date_idx', 'erp_orders', ['company_id', 'order_date desc']);

  await db.schema
    .createTable('erp_order_materials')
    .addColumn('material_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('order_id', 'varchar(64)', refersTo('erp_orders.order_id'))
    .addColumn('material_code', 'varchar(64)', notNull)
    .addColumn('material_name', 'varchar(200)', notNull)
    .addColumn('specification', 'varchar(200)')
    .addColumn('quantity', 'real', notNull)
    .addColumn('unit', 'varchar(16)', notNull)
    .addColumn('status', 'varchar(16)', notNull)
    .addColumn('seq', 'integer', notNull)
    .execute();
  await createIndex(db, 'erp_order_materials_order_idx', 'erp_order_materials', ['order_id', 'seq']);

  await withId(db, db.schema.createTable('erp_material_progress'))
    .addColumn('material_id', 'varchar(64)', refersTo('erp_order_materials.material_id'))
    .addColumn('seq', 'integer', notNull)
    .addColumn('step_name', 'varchar(100)', notNull)
    .addColumn('status', 'varchar(16)', notNull) // pending | in_progress | completed
    .addColumn('operator', 'varchar(100)')
    .addColumn('started_at', 'varchar(32)')
    .addColumn('completed_at', 'varchar(32)')
    .addColumn('note', 'varchar(500)')
    .execute();
  await createIndex(db, 'erp_material_progress_idx', 'erp_material_progress', ['material_id', 'seq']);

  await db.schema
    .createTable('company_bindings')
    .addColumn('user_id', 'bigint', (c) => c.primaryKey().references('users.id'))
    .addColumn('company_id', 'varchar(64)', notNull)
    .addColumn('company_name', 'varchar(200)', notNull)
    .addColumn('customer_id', 'varchar(64)', notNull)
    .addColumn('bound_at', ms, notNull)
    .execute();

  await withId(db, db.schema.createTable('template_message_logs'))
    .addColumn('user_id', 'bigint', notNull)
    .addColumn('openid', 'varchar(128)', notNull)
    .addColumn('template_id', 'varchar(128)', notNull)
    .addColumn('page', 'varchar(500)')
    .addColumn('data', 'text', notNull)
    .addColumn('status', 'varchar(16)', notNull) // sent | failed
    .addColumn('msgid', 'varchar(32)')
    .addColumn('error', 'varchar(500)')
    .addColumn('created_at', ms, notNull)
    .execute();
  await createIndex(db, 'template_message_logs_user_idx', 'template_message_logs', ['user_id', 'created_at']);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'template_message_logs',
    'company_bindings',
    'erp_material_progress',
    'erp_order_materials',
    'erp_orders',
    'erp_companies',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
