import { type Kysely, sql } from 'kysely';
import { COUNTED, HOUR_MS } from './bi-rollup-triggers.ts';
import { isPostgres } from './helpers.ts';

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

const ORDER_COLUMNS = 'customer_email, factory_id, status, created_at';
const row = (keys: Keys, r: 'new' | 'old') => keys.map((x) => `${r}.${x} as ${x}`).join(', ');
const same = (keys: Keys, a: string, b: string) => keys.map((x) => `${a}.${x} = ${b}.${x}`).join(' and ');

/** SQLite row-trigger statements for one event: per scope, the customer(s) of the row. */
function sqliteStatements(op: 'insert' | 'delete' | 'update'): string[] {
  const out: string[] = [];
  for (const { table, keys } of GAP_SCOPES) {
    const sources: ('new' | 'old')[] = op === 'insert' ? ['new'] : op === 'delete' ? ['old'] : ['new', 'old'];
    for (const r of sources) {
      const id = op === 'delete' ? 'old.id' : 'new.id';
      const mine = `select ${keys.join(', ')}, created_at, status from commerce_orders c where ${same(keys, 'c', r)}`;
      const oldRow =
        op === 'insert' ? '' : ` union all select ${row(keys, 'old')}, old.created_at, old.status where ${same(keys, 'old', r)}`;
      // on update, the old customer is done by the `new` pass when the keys did not move
      const where = op === 'update' && r === 'old' ? `not (${same(keys, 'old', 'new')})` : 'true';
      out.push(gapDelta(table, keys, mine, `${mine} and c.id <> ${id}${oldRow}`, false, where));
      out.push(spanUpsert(table.replace('_gaps', '_firsts'), keys, `select ${row(keys, r)}`));
    }
  }
  return out;
}

const SQLITE_EVENTS = { insert: 'insert', delete: 'delete', update: `update of ${ORDER_COLUMNS}` } as const;
const REFERENCING = { insert: 'new table as nt', delete: 'old table as ot', update: 'old table as ot new table as nt' } as const;

/** Postgres statement-trigger statements: per scope, every customer the statement touched. */
function pgStatements(op: 'insert' | 'delete' | 'update'): string[] {
  const tables = op === 'insert' ? ['nt'] : op === 'delete' ? ['ot'] : ['nt', 'ot'];
  return GAP_SCOPES.flatMap(({ table, keys }) => {
    const k = keys.join(', ');
    const touched = tables.map((t) => `select distinct ${k} from ${t}`).join(' union ');
    const mine = `select ${keys.map((x) => `c.${x}`).join(', ')}, c.created_at, c.status
                    from commerce_orders c where (${keys.map((x) => `c.${x}`).join(', ')}) in (${touched})`;
    const notNew = op === 'delete' ? '' : ' and c.id not in (select id from nt)';
    const oldRows = op === 'insert' ? '' : ` union all select ${k}, created_at, status from ot`;
    return [gapDelta(table, keys, mine, `${mine}${notNew}${oldRows}`, true), spanUpsert(table.replace('_gaps', '_firsts'), keys, touched)];
  });
}

const OPS = ['insert', 'delete', 'update'] as const;

/** Creates the triggers keeping the gaps and the customers' first and last orders exact. */
export async function createGapTriggers(db: Kysely<any>) {
  const exec = (text: string) => sql.raw(text).execute(db);
  for (const op of OPS) {
    const name = `bi_customer_rollup_${op}`;
    if (isPostgres(db)) {
      await exec(
        `create or replace function ${name}() returns trigger language plpgsql as $$\nbegin\n  ${pgStatements(op).join(';\n  ')};\n  return null;\nend $$`,
      );
      await exec(
        `create trigger ${name} after ${op} on commerce_orders referencing ${REFERENCING[op]} for each statement execute function ${name}()`,
      );
    } else {
      await exec(
        `create trigger ${name} after ${SQLITE_EVENTS[op]} on commerce_orders begin\n  ${sqliteStatements(op).join(';\n  ')};\nend`,
      );
    }
  }
}

export async function dropGapTriggers(db: Kysely<any>) {
  for (const op of OPS) {
    const name = `bi_customer_rollup_${op}`;
    if (isPostgres(db)) {
      await sql.raw(`drop trigger if exists ${name} on commerce_orders`).execute(db);
      await sql.raw(`drop function if exists ${name}()`).execute(db);
    } else await sql.raw(`drop trigger if exists ${name}`).execute(db);
  }
}
