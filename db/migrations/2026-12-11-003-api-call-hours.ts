import { type Kysely, sql } from 'kysely';
import { ms, notNull } from './helpers.ts';

/**
 * Hourly API call buckets beside the per-minute ones: `/api/metrics/performance` reads 24 h, which
 * at 10M calls a day is ~100k minute rows (a quarter second on SQLite) but ~2k hour rows. The
 * recorder writes both in one transaction; existing minute buckets are folded in here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('api_call_hours')
    .addColumn('hour', ms, notNull)
    .addColumn('method', 'varchar(8)', notNull)
    .addColumn('route', 'varchar(200)', notNull)
    .addColumn('status_class', 'integer', notNull)
    .addColumn('calls', 'bigint', notNull)
    .addColumn('sum_ms', 'double precision', notNull)
    .addColumn('max_ms', 'double precision', notNull)
    .addPrimaryKeyConstraint('api_call_hours_pk', ['hour', 'method', 'route', 'status_class'])
    .execute();
  await sql`insert into api_call_hours (hour, method, route, status_class, calls, sum_ms, max_ms)
    select (minute / 3600000) * 3600000, method, route, status_class, sum(calls), sum(sum_ms), max(max_ms)
    from api_call_buckets group by (minute / 3600000) * 3600000, method, route, status_class`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('api_call_hours').execute();
}
