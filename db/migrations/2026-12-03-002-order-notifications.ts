import { type Kysely, sql } from 'kysely';
import { createIndex, isPostgres, ms, notNull, refersTo, withId } from './helpers.ts';

/**
 * Order-status notifications for the mini-program (REAL-CLIENTS.md "Subscribe messages"):
 * - `order_status_events`: one row per observed status change, written by the embedded ERP's
 *   trigger in the same statement as the change (source `erp`), or by the HTTP ERP poller
 *   (source `poll`, `dedupe_key` = order + snapshot version, unique across instances); claimed by
 *   one instance at a time (`claimed_by`, `claim_until`) and marked `processed_at`.
 * - `order_status_snapshots`: the last status the poller saw per order, versioned.
 * - `user_messages`: the message centre; one message per user and event (unique), soft-cleared.
 * - `subscribe_consents`: the consent ledger, per user and template (one accept = one send).
 * - `subscribe_sends`: one row per event and user, claimed before a send (unique).
 * - `notification_settings`: what each user wants to receive.
 * - `job_leases`: which instance runs a scheduled job until when.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('order_status_events'))
    .addColumn('company_id', 'varchar(64)', notNull)
    .addColumn('order_id', 'varchar(64)', notNull)
    .addColumn('order_no', 'varchar(64)', notNull)
    .addColumn('from_status', 'varchar(16)', notNull)
    .addColumn('to_status', 'varchar(16)', notNull)
    .addColumn('source', 'varchar(8)', notNull) // erp | poll
    .addColumn('dedupe_key', 'varchar(200)', (c) => c.unique())
    .addColumn('created_at', ms, notNull)
    .addColumn('claimed_by', 'varchar(64)')
    .addColumn('claim_until', ms)
    .addColumn('processed_at', ms)
    .execute();
  await createIndex(db, 'order_status_events_pending_idx', 'order_status_events', ['processed_at', 'id']);

  await db.schema
    .createTable('order_status_snapshots')
    .addColumn('company_id', 'varchar(64)', notNull)
    .addColumn('order_id', 'varchar(64)', notNull)
    .addColumn('status', 'varchar(16)', notNull)
    .addColumn('version', 'integer', notNull)
    .addColumn('updated_at', ms, notNull)
    .addPrimaryKeyConstraint('order_status_snapshots_pk', ['company_id', 'order_id'])
    .execute();

  await withId(db, db.schema.createTable('user_messages'))
    .addColumn('user_id', 'bigint', refersTo('users.id'))
    .addColumn('type', 'varchar(32)', notNull)
    .addColumn('title', 'varchar(200)', notNull)
    .addColumn('content', 'varchar(1000)', notNull)
    .addColumn('order_id', 'varchar(64)')
    .addColumn('order_no', 'varchar(64)')
    .addColumn('status', 'varchar(16)')
    .addColumn('previous_status', 'varchar(16)')
    .addColumn('event_id', 'bigint')
    .addColumn('is_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('read_at', ms)
    .addColumn('cleared_at', ms)
    .addColumn('created_at', ms, notNull)
    .execute();
  // one message per user and status change, whichever instance writes it
  await createIndex(db, 'user_messages_event_uq', 'user_messages', ['user_id', 'event_id'], { unique: true });
  await createIndex(db, 'user_messages_user_idx', 'user_messages', ['user_id', 'created_at']);

  await db.schema
    .createTable('subscribe_consents')
    .addColumn('user_id', 'bigint', refersTo('users.id'))
    .addColumn('template_id', 'varchar(128)', notNull)
    .addColumn('remaining', 'integer', notNull)
    .addColumn('accepted_total', 'integer', notNull)
    .addColumn('last_result', 'varchar(16)', notNull) // accept | reject | ban | filter
    .addColumn('updated_at', ms, notNull)
    .addPrimaryKeyConstraint('subscribe_consents_pk', ['user_id', 'template_id'])
    .execute();

  await withId(db, db.schema.createTable('subscribe_sends'))
    .addColumn('event_id', 'bigint', notNull)
    .addColumn('user_id', 'bigint', notNull)
    .addColumn('template_id', 'varchar(128)', notNull)
    .addColumn('status', 'varchar(16)', notNull) // pending | sent | refused | failed | no_consent
    .addColumn('msgid', 'varchar(32)')
    .addColumn('errcode', 'integer')
    .addColumn('error', 'varchar(500)')
    .addColumn('created_at', ms, notNull)
    .addColumn('finished_at', ms)
    .execute();
  await createIndex(db, 'subscribe_sends_event_user_uq', 'subscribe_sends', ['event_id', 'user_id'], { unique: true });

  await db.schema
    .createTable('notification_settings')
    .addColumn('user_id', 'bigint', (c) => c.primaryKey().references('users.id'))
    .addColumn('order_status', 'integer', notNull)
    .addColumn('wechat_push', 'integer', notNull)
    .addColumn('statuses', 'varchar(200)', notNull) // comma list of order statuses
    .addColumn('updated_at', ms, notNull)
    .execute();

  await db.schema
    .createTable('job_leases')
    .addColumn('name', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('holder', 'varchar(64)', notNull)
    .addColumn('lease_until', ms, notNull)
    .execute();

  await createOutboxTrigger(db);
}

const COLUMNS = 'company_id, order_id, order_no, from_status, to_status, source, created_at';

/** The embedded ERP's outbox: a status change writes its event in the same statement. */
async function createOutboxTrigger(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql
      .raw(`create function erp_orders_status_outbox() returns trigger language plpgsql as $$
begin
  insert into order_status_events (${COLUMNS})
  values (new.company_id, new.order_id, new.order_no, old.status, new.status, 'erp', (extract(epoch from clock_timestamp()) * 1000)::bigint);
  return null;
end $$`)
      .execute(db);
    await sql
      .raw(
        'create trigger erp_orders_status_outbox after update of status on erp_orders for each row when (old.status is distinct from new.status) execute function erp_orders_status_outbox()',
      )
      .execute(db);
    return;
  }
  await sql
    .raw(`create trigger erp_orders_status_outbox after update of status on erp_orders when old.status is not new.status
begin
  insert into order_status_events (${COLUMNS})
  values (new.company_id, new.order_id, new.order_no, old.status, new.status, 'erp', cast(round((julianday('now') - 2440587.5) * 86400000) as integer));
end`)
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql.raw('drop trigger if exists erp_orders_status_outbox on erp_orders').execute(db);
    await sql.raw('drop function if exists erp_orders_status_outbox()').execute(db);
  } else {
    await sql.raw('drop trigger if exists erp_orders_status_outbox').execute(db);
  }
  for (const t of [
    'job_leases',
    'notification_settings',
    'subscribe_sends',
    'subscribe_consents',
    'user_messages',
    'order_status_snapshots',
    'order_status_events',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
