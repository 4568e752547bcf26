import type { Kysely } from 'kysely';
import { createIndex, ms, notNull, refersTo, stamps, tenantTable } from './helpers.ts';

/**
 * The smelter's daily work (issue 15): contract pricing terms, material receipts (weighing →
 * sampling → assay → settlement), settlements by contract and the audit trail. Money is integer
 * cents (fen), weights integer grams, times epoch ms, calendar dates `YYYY-MM-DD` text; a
 * settlement's calculation is kept as JSON text with exact decimal strings.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('contracts').addColumn('unit_price_cents', 'bigint').execute();
  await db.schema.alterTable('contracts').addColumn('processing_fee_cents', 'bigint').execute();
  await db.schema.alterTable('contracts').addColumn('price_metal_type', 'varchar(50)').execute();
  await db.schema.alterTable('contracts').addColumn('quote_start_date', 'varchar(10)').execute();
  await db.schema.alterTable('contracts').addColumn('quote_end_date', 'varchar(10)').execute();
  // JSON {deductions: Term[], credits: Term[]} (src/services/smelter/contract-terms.ts)
  await db.schema
    .alterTable('contracts')
    .addColumn('price_terms', 'text', (c) => c.notNull().defaultTo('{"deductions":[],"credits":[]}'))
    .execute();

  await tenantTable(db, 'settlements')
    .addColumn('contract_id', 'bigint', refersTo('contracts.id'))
    // the settled receipt ids, ascending, comma-joined: one settlement per receipt set
    .addColumn('receipt_key', 'varchar(2000)', notNull)
    .addColumn('pricing_method', 'varchar(20)', notNull)
    .addColumn('amount_excl_tax_cents', 'bigint', notNull)
    .addColumn('tax_cents', 'bigint', notNull)
    .addColumn('amount_incl_tax_cents', 'bigint', notNull)
    .addColumn('calculation', 'text', notNull)
    .addColumn('created_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', ms, notNull)
    .addUniqueConstraint('settlements_receipt_set_uq', ['factory_id', 'contract_id', 'receipt_key'])
    .execute();
  await createIndex(db, 'settlements_contract_idx', 'settlements', ['factory_id', 'contract_id', 'id']);

  await tenantTable(db, 'receipts')
    .addColumn('contract_id', 'bigint', refersTo('contracts.id'))
    .addColumn('material_id', 'bigint', (c) => c.references('materials.id'))
    .addColumn('vehicle_plate', 'varchar(20)', notNull)
    .addColumn('gross_weight_g', 'bigint', notNull)
    .addColumn('tare_weight_g', 'bigint', notNull)
    .addColumn('net_weight_g', 'bigint', notNull)
    .addColumn('weighed_at', ms, notNull)
    .addColumn('weighbridge_operator', 'varchar(64)', notNull)
    .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('received'))
    .addColumn('sample_name', 'varchar(100)')
    .addColumn('assay_id', 'bigint', (c) => c.references('assay_data.id'))
    .addColumn('settlement_id', 'bigint', (c) => c.references('settlements.id'))
    .addColumn('remarks', 'text')
    .addColumn('created_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .$call(stamps)
    .execute();
  await createIndex(db, 'receipts_factory_idx', 'receipts', ['factory_id', 'id']);
  await createIndex(db, 'receipts_contract_idx', 'receipts', ['factory_id', 'contract_id', 'status']);

  // no foreign keys: a log outlives the row it describes
  await tenantTable(db, 'audit_logs')
    .addColumn('entity_type', 'varchar(32)', notNull)
    .addColumn('entity_id', 'bigint', notNull)
    .addColumn('contract_id', 'bigint')
    .addColumn('action', 'varchar(16)', notNull)
    .addColumn('actor_id', 'bigint')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('created_at', ms, notNull)
    .execute();
  await createIndex(db, 'audit_logs_factory_idx', 'audit_logs', ['factory_id', 'id']);
  await createIndex(db, 'audit_logs_contract_idx', 'audit_logs', ['factory_id', 'contract_id', 'id']);
  await createIndex(db, 'audit_logs_entity_idx', 'audit_logs', ['factory_id', 'entity_type', 'entity_id']);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['audit_logs', 'receipts', 'settlements']) await db.schema.dropTable(t).ifExists().execute();
  for (const c of ['price_terms', 'quote_end_date', 'quote_start_date', 'price_metal_type', 'processing_fee_cents', 'unit_price_cents']) {
    await db.schema.alterTable('contracts').dropColumn(c).execute();
  }
}
