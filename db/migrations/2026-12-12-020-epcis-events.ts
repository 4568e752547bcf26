import type { Kysely } from 'kysely';
import { ms, notNull, withId } from './helpers.ts';

/**
 * EPCIS 2.0 events (issue 14 §2). `epcis_events` keeps each captured event as its JSON-LD text
 * (`event_json`, returned unchanged by queries) plus the columns the REST bindings filter on;
 * `event_id` is the document's eventID, or its CBV 2.0 event hash (`ni:///sha-256;…?ver=CBV2.0`)
 * when absent, unique per factory (the tenant). Rows are never updated: a correction is a new
 * event with an errorDeclaration, which repeats the erroneous event's eventID (EPCIS 2.0 §7.4.1.2),
 * so the key is (factory, eventID, error_declared). `epcis_event_epcs` indexes the EPCs and EPC classes an event
 * names, with their role (epc | input | output | child | parent | quantity: input/output are a
 * TransformationEvent's, quantity an ObjectEvent's quantityList), for MATCH_epc,
 * MATCH_anyEPCClass and genealogy walks.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('epcis_events'))
    .addColumn('factory_id', 'varchar(64)', (c) => c.notNull().references('factories.id'))
    .addColumn('event_id', 'varchar(512)', notNull)
    .addColumn('event_hash', 'varchar(128)', notNull)
    .addColumn('event_type', 'varchar(32)', notNull)
    .addColumn('event_time', ms, notNull)
    .addColumn('biz_step', 'varchar(256)')
    .addColumn('disposition', 'varchar(256)')
    .addColumn('read_point', 'varchar(512)')
    .addColumn('biz_location', 'varchar(512)')
    .addColumn('error_declared', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('event_json', 'text', notNull)
    .addColumn('recorded_at', ms, notNull)
    .execute();
  await db.schema
    .createIndex('epcis_events_factory_event_uq')
    .on('epcis_events')
    .columns(['factory_id', 'event_id', 'error_declared'])
    .unique()
    .execute();
  await db.schema.createIndex('epcis_events_factory_time_idx').on('epcis_events').columns(['factory_id', 'event_time', 'id']).execute();
  await db.schema.createIndex('epcis_events_factory_step_idx').on('epcis_events').columns(['factory_id', 'biz_step']).execute();

  await db.schema
    .createTable('epcis_event_epcs')
    .addColumn('event_row_id', 'bigint', (c) => c.notNull().references('epcis_events.id').onDelete('cascade'))
    .addColumn('factory_id', 'varchar(64)', notNull)
    .addColumn('epc', 'varchar(512)', notNull)
    .addColumn('is_class', 'integer', notNull) // 1 = EPC class (quantity element), 0 = instance EPC
    .addColumn('role', 'varchar(16)', notNull)
    .addPrimaryKeyConstraint('epcis_event_epcs_pk', ['event_row_id', 'epc', 'role'])
    .execute();
  await db.schema.createIndex('epcis_event_epcs_lookup_idx').on('epcis_event_epcs').columns(['factory_id', 'epc', 'role']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('epcis_event_epcs').ifExists().execute();
  await db.schema.dropTable('epcis_events').ifExists().execute();
}
