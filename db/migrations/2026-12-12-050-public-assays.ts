import type { Kysely } from 'kysely';
import { createIndex } from './helpers.ts';

/**
 * Assay results a factory publishes with a lot (issue 14 §3): an assay record may name the trace
 * batch it was sampled from (`trace_batch_id`, the factory's own; cleared when the batch goes) and
 * be marked public (`is_public` 1), which shows it on the lot's GS1 Digital Link page.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('assay_data')
    .addColumn('trace_batch_id', 'bigint', (c) => c.references('trace_batches.id').onDelete('set null'))
    .execute();
  await db.schema
    .alterTable('assay_data')
    .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await createIndex(db, 'assay_data_trace_batch_idx', 'assay_data', ['trace_batch_id', 'is_public']);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('assay_data_trace_batch_idx').ifExists().execute();
  await db.schema.alterTable('assay_data').dropColumn('is_public').execute();
  await db.schema.alterTable('assay_data').dropColumn('trace_batch_id').execute();
}
