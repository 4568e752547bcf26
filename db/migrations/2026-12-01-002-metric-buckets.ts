import { type Kysely, sql } from 'kysely';
import { ms, notNull } from './helpers.ts';

/** Upper bounds (ms) of the latency histogram buckets; a last bucket holds everything slower. Kept in step with src/services/monitoring/metrics/buckets.ts. */
const BOUNDS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];
const HIST = [...BOUNDS_MS.map((_, i) => `h${i}`), `h${BOUNDS_MS.length}`];

/**
 * Per-minute call buckets replace one row per request (api_calls, erp_calls): count, sum, max
 * and a fixed latency histogram per route × method × status class (API) and per endpoint ×
 * outcome (ERP). Existing rows are folded into buckets, then the raw tables are dropped.
 */
export async function up(db: Kysely<any>): Promise<void> {
  let api = db.schema
    .createTable('api_call_buckets')
    .addColumn('minute', ms, notNull)
    .addColumn('method', 'varchar(8)', notNull)
    .addColumn('route', 'varchar(200)', notNull)
    .addColumn('status_class', 'integer', notNull) // 2, 3, 4, 5: the status's hundreds
    .addColumn('calls', 'bigint', notNull)
    .addColumn('sum_ms', 'double precision', notNull)
    .addColumn('max_ms', 'double precision', notNull);
  for (const h of HIST) api = api.addColumn(h, 'bigint', (c) => c.notNull().defaultTo(0));
  await api.addPrimaryKeyConstraint('api_call_buckets_pk', ['minute', 'method', 'route', 'status_class']).execute();

  let erp = db.schema
    .createTable('erp_call_buckets')
    .addColumn('minute', ms, notNull)
    .addColumn('endpoint', 'varchar(200)', notNull)
    .addColumn('ok', 'integer', notNull)
    .addColumn('calls', 'bigint', notNull)
    .addColumn('sum_ms', 'double precision', notNull)
    .addColumn('max_ms', 'double precision', notNull);
  for (const h of HIST) erp = erp.addColumn(h, 'bigint', (c) => c.notNull().defaultTo(0));
  await erp.addPrimaryKeyConstraint('erp_call_buckets_pk', ['minute', 'endpoint', 'ok']).execute();

  const histogram = (col: string) =>
    HIST.map((_, i) => {
      const lower = i === 0 ? null : BOUNDS_MS[i - 1];
      const upper = BOUNDS_MS[i];
      const cond = [lower === null ? null : `${col} > ${lower}`, upper === undefined ? null : `${col} <= ${upper}`]
        .filter(Boolean)
        .join(' and ');
      return `sum(case when ${cond} then 1 else 0 end)`;
    }).join(', ');
  await sql
    .raw(
      `insert into api_call_buckets (minute, method, route, status_class, calls, sum_ms, max_ms, ${HIST.join(', ')})
       select (ts / 60000) * 60000, method, route, status / 100, count(*), sum(duration_ms), max(duration_ms), ${histogram('duration_ms')}
       from api_calls group by (ts / 60000) * 60000, method, route, status / 100`,
    )
    .execute(db);
  await sql
    .raw(
      `insert into erp_call_buckets (minute, endpoint, ok, calls, sum_ms, max_ms, ${HIST.join(', ')})
       select (ts / 60000) * 60000, endpoint, ok, count(*), sum(duration_ms), max(duration_ms), ${histogram('duration_ms')}
       from erp_calls group by (ts / 60000) * 60000, endpoint, ok`,
    )
    .execute(db);
  await db.schema.dropTable('api_calls').execute();
  await db.schema.dropTable('erp_calls').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('erp_call_buckets').ifExists().execute();
  await db.schema.dropTable('api_call_buckets').ifExists().execute();
}
