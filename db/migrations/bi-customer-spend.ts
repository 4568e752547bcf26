import { type Kysely, sql } from 'kysely';
import { hourDelta } from './2026-12-12-091-customer-last-hours.ts';
import {
  type CustomerScope,
  createCustomerTriggers,
  createHistogramTable,
  dropCustomerTriggers,
  type ScopeStatements,
} from './bi-customer-triggers.ts';
import { COUNTED, HOUR_MS } from './bi-rollup-triggers.ts';
import { isPostgres, notNull } from './helpers.ts';

/**
 * Per-customer rollups for the customer report (migration 092; spec 004 bi §3, issue 11 §4), and
 * the SQL that keeps them exact:
 * - `bi_customer_spend` (per merchant) / `bi_platform_customer_spend`: each customer's counted
 *   orders and spend (cents) over all time, ranked by spend. A customer's spend in any period is
 *   at most its spend over all time, so the period's top spenders are found by walking customers
 *   from the biggest all-time spender down, until the next one's all-time spend falls below the
 *   tenth best of the period (Fagin's threshold algorithm over one list).
 * - `bi_customer_prev_hours` / `bi_platform_customer_prev_hours`: customers per UTC hour of their
 *   second-to-last counted order. A customer has two or more counted orders in [start, now) when
 *   that order is at or after `start`: the last N days' repeat customers are a sum over ≤ 24 × N rows.
 * - `bi_customer_first_hours` / `bi_platform_customer_first_hours`: customers per UTC hour of their
 *   first counted order: the new customers of any span of whole hours, without counting the
 *   first orders of migration 042 one by one (3M of them platform-wide at 10M orders).
 * Every change recomputes the customers it touches (their orders, by index), like migration 090.
 */
export const SPEND_SCOPES: readonly CustomerScope[] = [
  { table: 'bi_customer_spend', keys: ['factory_id', 'customer_email'] },
  { table: 'bi_platform_customer_spend', keys: ['customer_email'] },
];

export const PREV_HOUR_SCOPES: readonly CustomerScope[] = [
  { table: 'bi_customer_prev_hours', keys: ['factory_id', 'customer_email'] },
  { table: 'bi_platform_customer_prev_hours', keys: ['customer_email'] },
];

export const FIRST_HOUR_SCOPES: readonly CustomerScope[] = [
  { table: 'bi_customer_first_hours', keys: ['factory_id', 'customer_email'] },
  { table: 'bi_platform_customer_first_hours', keys: ['customer_email'] },
];

/**
 * The upsert setting `orders` and `cents` (counted orders and their `total_cents`, 0 when none) of
 * the customers named by `touched` (a subquery of distinct keys) in the spend `table`.
 */
export function spendUpsert(table: string, keys: readonly string[], touched: string): string {
  const k = keys.join(', ');
  const match = keys.map((x) => `c.${x} = t.${x}`).join(' and ');
  const probe = (fn: string) => `(select ${fn} from commerce_orders c where ${match} and c.status in ${COUNTED})`;
  return `insert into ${table} (${k}, orders, cents)
     select ${keys.map((x) => `t.${x}`).join(', ')}, ${probe('count(*)')}, ${probe('coalesce(sum(c.total_cents), 0)')}
       from (${touched}) t where true
     on conflict (${k}) do update set orders = excluded.orders, cents = excluded.cents`;
}

/**
 * The upsert adding to the histogram `table` (+1 / −1 per customer) the hour of each customer's
 * second-to-last counted order in `after` minus that in `before` (subqueries with the keys,
 * `created_at` and `status` of every order of exactly the customers concerned), when `where` holds.
 */
export function prevHourDelta(table: string, keys: readonly string[], after: string, before: string, where = 'true'): string {
  const k = keys.join(', ');
  const cols = [...keys.filter((x) => x !== 'customer_email'), 'hour_at'].join(', ');
  // the second-to-last order is the one followed by exactly one (ascending, as the indexes run)
  const w = `over (partition by ${k} order by created_at)`;
  const prev = (rows: string, sign: 1 | -1) =>
    `select ${k}, created_at - created_at % ${HOUR_MS} as hour_at, ${sign} as sign
       from (select ${k}, created_at, lead(created_at, 1) ${w} as next1, lead(created_at, 2) ${w} as next2
               from (${rows}) r where status in ${COUNTED}) x
      where next1 is not null and next2 is null`;
  return `insert into ${table} (${cols}, customers)
     select ${cols}, sum(sign) from (${prev(after, 1)} union all ${prev(before, -1)}) d
      where ${where}
      group by ${cols} having sum(sign) <> 0
     on conflict (${cols}) do update set customers = ${table}.customers + excluded.customers`;
}

const statements: ScopeStatements = (c) => {
  if (c.table.endsWith('_spend')) return [spendUpsert(c.table, c.keys, c.touched)];
  if (c.table.endsWith('_first_hours')) return [hourDelta('min', c.table, c.keys, c.after, c.before, c.where)];
  return [prevHourDelta(c.table, c.keys, c.after, c.before, c.where)];
};

/** Every scope migration 092's triggers keep. */
const SCOPES = [...SPEND_SCOPES, ...PREV_HOUR_SCOPES, ...FIRST_HOUR_SCOPES];

/** Creates the triggers keeping the three rollups exact (SQLite: also on updates of `total_cents`). */
export const createSpendTriggers = (db: Kysely<any>) =>
  createCustomerTriggers(db, 'bi_customer_spend_rollup', SCOPES, statements, ['total_cents']);

export const dropSpendTriggers = (db: Kysely<any>) => dropCustomerTriggers(db, 'bi_customer_spend_rollup');

/**
 * Creates the spend tables (keyed on the customer; clustered on SQLite) with their ranking index
 * (scope, `cents` descending, email), and the second-to-last- and first-order histograms.
 */
export async function createSpendTables(db: Kysely<any>) {
  for (const { table, keys } of SPEND_SCOPES) {
    let create = db.schema.createTable(table);
    if (keys.includes('factory_id')) create = create.addColumn('factory_id', 'varchar(64)', notNull);
    create = create
      .addColumn('customer_email', 'varchar(200)', notNull)
      .addColumn('orders', 'integer', notNull)
      .addColumn('cents', 'bigint', notNull)
      .addPrimaryKeyConstraint(`${table}_pk`, keys as never);
    await (isPostgres(db) ? create : create.modifyEnd(sql`without rowid`)).execute();
    const scope = keys.filter((k) => k !== 'customer_email');
    const ranked = [...scope, 'cents desc', 'customer_email'].join(', ');
    await sql.raw(`create index ${table}_rank_idx on ${table} (${ranked})`).execute(db);
  }
  for (const scope of [...PREV_HOUR_SCOPES, ...FIRST_HOUR_SCOPES]) await createHistogramTable(db, scope);
}
