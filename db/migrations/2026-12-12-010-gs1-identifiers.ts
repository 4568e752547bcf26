import type { Kysely } from 'kysely';

/**
 * GS1 identifiers (issue 14): a factory's GLN (Global Location Number, 13 digits), a trace
 * batch's GTIN (stored as GTIN-14) and lot (AI 10, up to 20 characters). A GTIN + lot names one
 * batch everywhere (the GS1 Digital Link `/01/{gtin}/10/{lot}` resolves to it), so the pair is
 * unique across tenants; batches without identifiers keep NULLs, which the index ignores.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('factories').addColumn('gln', 'varchar(13)').execute();
  await db.schema.alterTable('trace_batches').addColumn('gtin', 'varchar(14)').execute();
  await db.schema.alterTable('trace_batches').addColumn('lot', 'varchar(20)').execute();
  await db.schema.createIndex('trace_batches_gtin_lot_uq').on('trace_batches').columns(['gtin', 'lot']).unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('trace_batches_gtin_lot_uq').ifExists().execute();
  await db.schema.alterTable('trace_batches').dropColumn('lot').execute();
  await db.schema.alterTable('trace_batches').dropColumn('gtin').execute();
  await db.schema.alterTable('factories').dropColumn('gln').execute();
}
