import type { Kysely } from 'kysely';
import { createIndex, ms, notNull, stamps, tenantTable, withId } from './helpers.ts';

/**
 * Trace batches (a factory's product lots) and their time-ordered logs: the public traceability
 * API v1 (spec 003). `code` is the public code printed in QR codes; quantities and weights are
 * doubles (kg for unit_weight), times epoch ms.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await tenantTable(db, 'trace_batches')
    .addColumn('code', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', notNull)
    .addColumn('product_id', 'varchar(64)', notNull)
    .addColumn('quantity', 'double precision', notNull)
    .addColumn('unit_weight', 'double precision', notNull)
    .addColumn('harvest_date', ms, notNull)
    .addColumn('farm_id', 'varchar(64)', notNull)
    .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('active')) // active | archived
    .$call(stamps)
    .execute();
  // A lot name is unique within its factory; the index also serves name lookups and sorts.
  await createIndex(db, 'trace_batches_factory_name_uq', 'trace_batches', ['factory_id', 'name'], { unique: true });
  await createIndex(db, 'trace_batches_factory_created_idx', 'trace_batches', ['factory_id', 'created_at']);

  await withId(db, db.schema.createTable('trace_logs'))
    .addColumn('trace_id', 'bigint', (c) => c.notNull().references('trace_batches.id').onDelete('cascade'))
    .addColumn('event_type', 'varchar(16)', notNull) // harvest | processing | inspection | storage | shipping
    .addColumn('occurred_at', ms, notNull)
    .addColumn('operator', 'varchar(100)')
    .addColumn('location', 'varchar(200)')
    .addColumn('notes', 'varchar(1000)')
    .addColumn('created_at', ms, notNull)
    .execute();
  await createIndex(db, 'trace_logs_trace_time_idx', 'trace_logs', ['trace_id', 'occurred_at']);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('trace_logs').ifExists().execute();
  await db.schema.dropTable('trace_batches').ifExists().execute();
}
