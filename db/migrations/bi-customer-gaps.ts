import type { Kysely } from 'kysely';
import { createCustomerTriggers, dropCustomerTriggers, type ScopeStatements } from './bi-customer-triggers.ts';
import { COUNTED, HOUR_MS } from './bi-rollup-triggers.ts';

/**
 * Distinct customers per local day from a histogram (migration 090; issue 11 §4, spec 004 bi §1
 * `unique_customers`), and the SQL that keeps it exact.
 *
 * A customer's "hours" are the UTC hours holding at least one of its counted orders (per merchant,
 * or platform-wide). Each hour `h` gets a gap: whole hours since the customer's previous hour,
 * `GAP_NONE` when there is none or it is 25 h or more back. The customer has an order on a local
 * day [ds, de) exactly once per hour `h` in it whose previous hour lies before ds, that is
 * `gap × 1 h > h − ds`; every local day is at most 25 h long, so capping the gap at 25 loses
 * nothing. `bi_customer_gaps` (per merchant) and `bi_platform_customer_gaps` count customers per
 * (hour, gap): a 365-day report sums at most 8,760 × 26 rows instead of grouping every order by
 * email, in any whole-hour zone, DST included.
 *
 * Every change recomputes the hours of the customers it touches, before and after, and adds the
 * difference: cheap (a customer's orders, by index) and right whatever the order of events.
 */
export const GAP_NONE = 25;

/** The scopes: histogram table and the keys that name a customer in it. */
export const GAP_SCOPES = [
  { table: 'bi_customer_gaps', keys: ['factory_id', 'customer_email'] },
  { table: 'bi_platform_customer_gaps', keys: ['customer_email'] },
] as const;
type Keys = readonly string[];

/**
 * `(keys…, hour_at, gap, sign)` of the counted orders in `rows` (a subquery with the keys,
 * `created_at` and `status`), each hour of each customer once.
 */
function contributions(keys: Keys, rows: string, sign: 1 | -1, pg: boolean): string {
  const k = keys.join(', ');
  const least = pg ? 'least' : 'min';
  return `select ${k}, hour_at,
            case when prev_at is null then ${GAP_NONE} else ${least}((hour_at - prev_at) / ${HOUR_MS}, ${GAP_NONE}) end as gap,
            ${sign} as sign
       from (select ${k}, hour_at, lag(hour_at) over (partition by ${k} order by hour_at) as prev_at
               from (select distinct ${k}, created_at - created_at % ${HOUR_MS} as hour_at
                       from (${rows}) r where status in ${COUNTED}) h) w`;
}

/**
 * The upsert adding to `table` the difference between the customers' hours in `after` and in
 * `before` (subqueries with the keys, `created_at`, `status`, holding every order of exactly the
 * customers concerned), when `where` (SQL condition; `true` by default) holds.
 */
export function gapDelta(table: string, keys: Keys, after: string, before: string, pg: boolean, where = 'true'): string {
  const scope = keys.filter((x) => x !== 'customer_email');
  const cols = [...scope, 'hour_at', 'gap'].join(', ');
  return `insert into ${table} (${cols}, customers)
     select ${cols}, sum(sign)
       from (${contributions(keys, after, 1, pg)} union all ${contributions(keys, before, -1, pg)}) d
      where ${where}
      group by ${cols} having sum(sign) <> 0
     on conflict (${cols}) do update set customers = ${table}.customers + excluded.customers`;
}

/**
 * The upsert setting `first_at` and `last_at` (first and last counted order, null when none) of
 * the customers named by `touched` (a subquery of distinct keys) in `table`.
 */
export function spanUpsert(table: string, keys: Keys, touched: string): string {
  const k = keys.join(', ');
  const match = keys.map((x) => `c.${x} = t.${x}`).join(' and ');
  const probe = (fn: string) => `(select ${fn}(c.created_at) from commerce_orders c where ${match} and c.status in ${COUNTED})`;
  return `insert into ${table} (${k}, first_at, last_at)
     select ${keys.map((x) => `t.${x}`).join(', ')}, ${probe('min')}, ${probe('max')} from (${touched}) t where true
     on conflict (${k}) do update set first_at = excluded.first_at, last_at = excluded.last_at`;
}

/** Migration 090's trigger statements for one scope: the gap difference and the first/last orders. */
const gapTriggerStatements: ScopeStatements = (c) => [
  gapDelta(c.table, c.keys, c.after, c.before, c.pg, c.where),
  spanUpsert(c.table.replace('_gaps', '_firsts'), c.keys, c.touched),
];

/** Creates the triggers keeping the gaps and the customers' first and last orders exact. */
export const createGapTriggers = (db: Kysely<any>) => createCustomerTriggers(db, 'bi_customer_rollup', GAP_SCOPES, gapTriggerStatements);

export const dropGapTriggers = (db: Kysely<any>) => dropCustomerTriggers(db, 'bi_customer_rollup');
