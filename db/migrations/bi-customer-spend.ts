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
 *   orders and spend (cents) over all time, its last three counted orders' instants and the last
 *   two's totals, ranked by all-time spend and by the last two's sum (`recent_cents`). A
 *   customer's spend in a period up to now is at most its all-time spend, and at most
 *   `recent_cents` when its third-to-last order is before the period; a customer whose
 *   third-to-last order is not before it has three or more orders in it. The report walks the
 *   rankings from the top until the next customer's bound falls below the tenth best of the
 *   period (Fagin's threshold algorithm over one list; src/services/analytics/top-customers.ts).
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
 * How many of a customer's last counted orders its spend row holds: 3 from migration 092, 4 from
 * 094 (a customer with exactly three orders in a period is then read from its row, not looked up).
 */
export type SpendDepth = 3 | 4;
export const SPEND_DEPTH: SpendDepth = 4;
const NTH = ['last', 'prev', 'third', 'fourth'] as const;

/** The row's order columns: the instant or total of the `n`-th latest counted order (0: the last). */
function orderSlots(depth: SpendDepth): { column: string; n: number; source: 'created_at' | 'total_cents' }[] {
  return NTH.slice(0, depth).flatMap((name, n) => [
    { column: `${name}_at`, n, source: 'created_at' as const },
    ...(n < depth - 1 ? [{ column: `${name}_cents`, n, source: 'total_cents' as const }] : []),
  ]);
}

/**
 * The spend columns beside the keys, in table order: counted orders, all-time cents, the last
 * `depth` counted orders' instants with the totals of all but the oldest, `recent_cents` last.
 */
export function spendColumns(depth: SpendDepth = SPEND_DEPTH): string[] {
  return ['orders', 'cents', ...orderSlots(depth).map((s) => s.column), 'recent_cents'];
}

/**
 * Orders of one customer from the latest: created_at, then status and total_cents (the order of
 * migration 041's customer index, so that a window over it needs no sort), descending.
 */
export const LATEST_FIRST = 'c.created_at desc, c.status desc, c.total_cents desc';

/**
 * The upsert setting the spend row (spendColumns) of the customers named by `touched` (a subquery
 * of distinct keys) in the spend `table`.
 */
export function spendUpsert(table: string, keys: readonly string[], touched: string, depth: SpendDepth = SPEND_DEPTH): string {
  const k = keys.join(', ');
  const match = keys.map((x) => `c.${x} = t.${x}`).join(' and ');
  const counted = `from commerce_orders c where ${match} and c.status in ${COUNTED}`;
  const nth = (col: string, n: number) => `(select c.${col} ${counted} order by ${LATEST_FIRST} limit 1 offset ${n})`;
  const columns = spendColumns(depth);
  const slots = orderSlots(depth);
  const cols = columns.join(', ');
  return `insert into ${table} (${k}, ${cols})
     select ${k}, orders, cents, ${slots.map((x) => x.column).join(', ')}, coalesce(last_cents, 0) + coalesce(prev_cents, 0)
       from (select ${keys.map((x) => `t.${x} as ${x}`).join(', ')},
                    (select count(*) ${counted}) as orders, (select coalesce(sum(c.total_cents), 0) ${counted}) as cents,
                    ${slots.map((x) => `${nth(x.source, x.n)} as ${x.column}`).join(', ')}
               from (${touched}) t) x where true
     on conflict (${k}) do update set ${columns.map((c) => `${c} = excluded.${c}`).join(', ')}`;
}

/**
 * The spend rows of many customers at once (fills, bulk loads): one pass over their counted
 * orders in the customer index's order, each order seeing the next `depth`. Per merchant from
 * the orders; platform-wide copied from the merchant row of an email ordered from one merchant
 * only, and from the orders for the others. `touched` is a condition on the keys limiting the
 * customers (`true` for all).
 * @returns the upserts, merchant first (the platform's read its rows).
 */
export function spendFills(touched: (keys: string) => string, depth: SpendDepth = SPEND_DEPTH): [string, string, string] {
  const columns = spendColumns(depth);
  const set = `do update set ${columns.map((c) => `${c} = excluded.${c}`).join(', ')}`;
  const cols = columns.join(', ');
  // the i-th latest order (0: the last) is followed by exactly i orders: lead i found, lead i + 1 not
  const nth = (i: number) => `${i ? `n${i} is not null and ` : ''}n${i + 1} is null`;
  const values = orderSlots(depth).map((x) => `max(case when ${nth(x.n)} then ${x.source} end)`);
  const leads = Array.from({ length: depth }, (_, i) => `lead(created_at, ${i + 1}) over w as n${i + 1}`).join(', ');
  const fromOrders = (k: string, where: string) =>
    `select ${k}, count(*), sum(total_cents), ${values.join(', ')}, sum(case when n2 is null then total_cents else 0 end)
       from (select ${k}, created_at, total_cents, ${leads}
               from commerce_orders where status in ${COUNTED} and ${where}
             window w as (partition by ${k} order by created_at, status, total_cents)) x
      group by ${k}`;
  const merchants = touched('factory_id, customer_email');
  const once = `(select customer_email from bi_customer_spend where ${touched('customer_email')} group by customer_email having count(*) = 1)`;
  const several = `(select customer_email from bi_customer_spend where ${touched('customer_email')} group by customer_email having count(*) > 1)`;
  return [
    `insert into bi_customer_spend (factory_id, customer_email, ${cols})
       ${fromOrders('factory_id, customer_email', merchants)}
     on conflict (factory_id, customer_email) ${set}`,
    `insert into bi_platform_customer_spend (customer_email, ${cols})
       select customer_email, ${cols} from bi_customer_spend where customer_email in ${once}
     on conflict (customer_email) ${set}`,
    `insert into bi_platform_customer_spend (customer_email, ${cols})
       ${fromOrders('customer_email', `customer_email in ${several}`)}
     on conflict (customer_email) ${set}`,
  ];
}

/**
 * Customers per hour of their second-to-last counted order from the spend rows, added to the
 * histograms: right when they held no customer before (zero rows at most), as before a first load.
 */
export function prevHoursFromSpend(): string[] {
  const hour = `prev_at - prev_at % ${HOUR_MS}`;
  const add = (table: string) => `do update set customers = ${table}.customers + excluded.customers`;
  return [
    `insert into bi_customer_prev_hours (factory_id, hour_at, customers)
       select factory_id, ${hour}, count(*) from bi_customer_spend where prev_at is not null group by 1, 2
     on conflict (factory_id, hour_at) ${add('bi_customer_prev_hours')}`,
    `insert into bi_platform_customer_prev_hours (hour_at, customers)
       select ${hour}, count(*) from bi_platform_customer_spend where prev_at is not null group by 1
     on conflict (hour_at) ${add('bi_platform_customer_prev_hours')}`,
  ];
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

const statements =
  (depth: SpendDepth): ScopeStatements =>
  (c) => {
    if (c.table.endsWith('_spend')) return [spendUpsert(c.table, c.keys, c.touched, depth)];
    if (c.table.endsWith('_first_hours')) return [hourDelta('min', c.table, c.keys, c.after, c.before, c.where)];
    return [prevHourDelta(c.table, c.keys, c.after, c.before, c.where)];
  };

/** Every scope migration 092's triggers keep. */
const SCOPES = [...SPEND_SCOPES, ...PREV_HOUR_SCOPES, ...FIRST_HOUR_SCOPES];

/** Creates the triggers keeping the three rollups exact (SQLite: also on updates of `total_cents`). */
export const createSpendTriggers = (db: Kysely<any>, depth: SpendDepth = SPEND_DEPTH) =>
  createCustomerTriggers(db, 'bi_customer_spend_rollup', SCOPES, statements(depth), ['total_cents']);

export const dropSpendTriggers = (db: Kysely<any>) => dropCustomerTriggers(db, 'bi_customer_spend_rollup');

/** Creates the spend tables, keyed on the customer (clustered on SQLite; createSpendIndexes adds their rankings). */
export async function createSpendTables(db: Kysely<any>, depth: SpendDepth = SPEND_DEPTH) {
  for (const { table, keys } of SPEND_SCOPES) {
    let create = db.schema.createTable(table);
    if (keys.includes('factory_id')) create = create.addColumn('factory_id', 'varchar(64)', notNull);
    create = create
      .addColumn('customer_email', 'varchar(200)', notNull)
      .addColumn('orders', 'integer', notNull)
      .addColumn('cents', 'bigint', notNull);
    for (const { column } of orderSlots(depth)) create = create.addColumn(column, 'bigint');
    create = create.addColumn('recent_cents', 'bigint', notNull).addPrimaryKeyConstraint(`${table}_pk`, keys as never);
    await (isPostgres(db) ? create : create.modifyEnd(sql`without rowid`)).execute();
  }
}

/** Creates the second-to-last- and first-order histograms. */
export async function createHourTables(db: Kysely<any>) {
  for (const scope of [...PREV_HOUR_SCOPES, ...FIRST_HOUR_SCOPES]) await createHistogramTable(db, scope);
}

/**
 * The spend tables' rankings: by all-time spend and by the last two orders' sum (scope, key
 * descending, email, then the row's order columns, so that a walk reads the index alone), and
 * the third-to-last order's instant. Built after a fill: once from sorted rows rather than row
 * by row.
 */
export async function createSpendIndexes(db: Kysely<any>, depth: SpendDepth = SPEND_DEPTH) {
  for (const { table, keys } of SPEND_SCOPES) {
    const scope = keys.filter((k) => k !== 'customer_email');
    const row = ['customer_email', ...orderSlots(depth).map((x) => x.column)].join(', ');
    await sql.raw(`create index ${table}_rank_idx on ${table} (${[...scope, 'cents desc', row].join(', ')})`).execute(db);
    await sql.raw(`create index ${table}_recent_idx on ${table} (${[...scope, 'recent_cents desc', row].join(', ')})`).execute(db);
    await sql.raw(`create index ${table}_third_idx on ${table} (${[...scope, 'third_at', 'customer_email'].join(', ')})`).execute(db);
  }
}
