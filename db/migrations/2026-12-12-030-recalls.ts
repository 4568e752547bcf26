import type { Kysely } from 'kysely';
import { createIndex, ms, notNull, withId } from './helpers.ts';

/**
 * Recalls (issue 14 §5). `erp_order_materials.lot` is the GS1 lot an order line shipped (an LGTIN
 * EPC class URN or a Digital Link URI, as the EPCIS events name it): the embedded ERP's side of
 * "which customers received lot X". `recalls` records each recall a factory (or the platform,
 * `factory_id` null) started: the lot, the reason, who, when, and the answer as it was given
 * (`result_json`), so the list shows what was known at the time.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('erp_order_materials').addColumn('lot', 'varchar(512)').execute();
  await createIndex(db, 'erp_order_materials_lot_idx', 'erp_order_materials', 'lot');

  await withId(db, db.schema.createTable('recalls'))
    .addColumn('factory_id', 'varchar(64)', (c) => c.references('factories.id'))
    .addColumn('lot', 'varchar(512)', notNull)
    .addColumn('reason', 'varchar(1000)', notNull)
    .addColumn('created_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('result_json', 'text', notNull)
    .addColumn('created_at', ms, notNull)
    .execute();
  await createIndex(db, 'recalls_factory_idx', 'recalls', ['factory_id', 'created_at']);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('recalls').ifExists().execute();
  await db.schema.dropIndex('erp_order_materials_lot_idx').ifExists().execute();
  await db.schema.alterTable('erp_order_materials').dropColumn('lot').execute();
}
