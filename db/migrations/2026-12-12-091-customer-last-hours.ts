import { type Kysely, sql } from 'kysely';
import {
  type CustomerScope,
  createCustomerTriggers,
  createHistogramTable,
  dropCustomerTriggers,
  type ScopeStatements,
} from './bi-customer-triggers.ts';
import { COUNTED, HOUR_MS } from './bi-rollup-triggers.ts';

/**
 * Customers per UTC hour of their last counted order (`bi_customer_last_hours` per merchant,
 * `bi_platform_customer_last_hours`): the customers of the last N days are a sum over at most
 * 24 × N rows (issue 11 §4). Counting `last_at ≥ start` over migration 090's index read 1.5–3M
 * index entries for a platform-wide span at 10M orders (200–560 ms cold on Postgres).
 * Triggers add, per customer touched, +1 at the hour of its last order after the change and −1 at
 * the hour before it (independent of migration 090's triggers and their order).
 */
export const LAST_HOUR_SCOPES: readonly CustomerScope[] = [
  { table: 'bi_customer_last_hours', keys: ['factory_id', 'customer_email'] },
  { table: 'bi_platform_customer_last_hours', keys: ['customer_email'] },
];

/**
 * The upsert adding to `table` (+1 / −1 per customer) the hour of each customer's last counted
 * order (`pick` max; min: its first, migration 092) in `after` minus that in `before`
 * (subqueries as bi-customer-triggers.ts describes), when `where` holds.
 */
export function hourDelta(pick: 'min' | 'max', table: string, keys: readonly string[], after: string, before: string, where = 'true') {
  const k = keys.join(', ');
  const cols = [...keys.filter((x) => x !== 'customer_email'), 'hour_at'].join(', ');
  const at = `${pick}(created_at)`;
  const one = (rows: string, sign: 1 | -1) =>
    `select ${k}, ${at} - ${at} % ${HOUR_MS} as hour_at, ${sign} as sign
       from (${rows}) r where status in ${COUNTED} group by ${k}`;
  return `insert into ${table} (${cols}, customers)
     select ${cols}, sum(sign) from (${one(after, 1)} union all ${one(before, -1)}) d
      where ${where}
      group by ${cols} having sum(sign) <> 0
     on conflict (${cols}) do update set customers = ${table}.customers + excluded.customers`;
}

/** `hourDelta` of the customers' last counted orders. */
export const lastHourDelta = (table: string, keys: readonly string[], after: string, before: string, where = 'true') =>
  hourDelta('max', table, keys, after, before, where);

const statements: ScopeStatements = (c) => [lastHourDelta(c.table, c.keys, c.after, c.before, c.where)];
export const createLastHourTriggers = (db: Kysely<any>) =>
  createCustomerTriggers(db, 'bi_customer_last_rollup', LAST_HOUR_SCOPES, statements);
export const dropLastHourTriggers = (db: Kysely<any>) => dropCustomerTriggers(db, 'bi_customer_last_rollup');

export async function up(db: Kysely<any>): Promise<void> {
  for (const scope of LAST_HOUR_SCOPES) await createHistogramTable(db, scope);
  await createLastHourTriggers(db);
  for (const { table, keys } of LAST_HOUR_SCOPES) {
    const all = `select ${keys.join(', ')}, created_at, status from commerce_orders`;
    await sql.raw(lastHourDelta(table, keys, all, `${all} where false`)).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropLastHourTriggers(db);
  for (const { table } of LAST_HOUR_SCOPES) await db.schema.dropTable(table).execute();
}
