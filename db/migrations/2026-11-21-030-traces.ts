import type { Kysely } from 'kysely';
import { ms, notNull, withId } from './helpers.ts';

/**
 * Trace batches (a factory's product lots) and their time-ordered logs: the public traceability
 * API v1 (spec 003). `code` is the public code printed in QR codes; quantities and weights are
 * doubles (kg for unit_weight), times epoch ms.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('trace_batches'))
    .addColumn('factory_id', 'varchar(64)', (c) => c.notNull().references('factories.id'))
    .addColumn('code', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(200)', notNull)
    .addColumn('product_id', 'varchar(64)', notNull)
    .addColumn('quantity', 'double precision', notNull)
    .addColumn('unit_weight', 'double precision', notNull)
    .addColumn('harvest_date', ms, notNull)
    .addColumn('farm_id', 'varchar(64)', notNull)
    .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('active')) // active | archived
    .addColumn('created_at', ms, notNull)
    .addColumn('updated_at', ms, notNull)
    .execute();
  // A lot name is unique within its factory; the index also serves name lookups and sorts.
  await db.schema.createIndex('trace_batches_factory_name_uq').on('trace_batches').columns(['factory_id', 'name']).unique().execute();
  await db.schema.createIndex('trace_batches_factory_created_idx').on('trace_batches').columns(['factory_id', 'created_at']).execute();

  await withId(db, db.schema.createTable('trace_logs'))
    .addColumn('trace_id', 'bigint', (c) => c.notNull().references('trace_batches.id').onDelete('cascade'))
    .addColumn('event_type', 'varchar(16)', notNull) // harvest | processing | inspection | storage | shipping
    .addColumn('occurred_at', ms, notNull)
    .addColumn('operator', 'varchar(100)')
    .addColumn('location', 'varchar(200)')
    .addColumn('notes', 'varchar(1000)')
    .addColumn('created_at', ms, notNull)
    .execute();
  await db.schema.createIndex('trace_logs_trace_time_idx').on('trace_logs').columns(['trace_id', 'occurred_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('trace_logs').ifExists().execute();
  await db.schema.dropTable('trace_batches').ifExists().execute();
}
