import { type Kysely, sql } from 'kysely';
import { isPostgres, notNull } from './helpers.ts';

/**
 * Triggers on `commerce_orders` for rollups kept per customer (migrations 090, 091): every change
 * hands each scope's statements the orders of the customers it touched after the change (`after`)
 * and as they were before it (`before`), so a rollup adds the difference of a function of the two,
 * whatever the order of events or of the triggers.
 */

/** A scope: its rollup table and the keys naming a customer in it (`customer_email` last). */
export interface CustomerScope {
  table: string;
  keys: readonly string[];
}

/** What one scope's statements get for one trigger firing. */
export interface CustomerChange extends CustomerScope {
  /** Subquery: keys, `created_at`, `status` of every order of the customers concerned, now. */
  after: string;
  /** The same orders as they were before the change. */
  before: string;
  /** Subquery of the distinct keys of the customers concerned. */
  touched: string;
  /** SQL condition the statements must hold to (`true` unless the pass is a no-op). */
  where: string;
  pg: boolean;
}

export type ScopeStatements = (c: CustomerChange) => string[];

type Op = 'insert' | 'delete' | 'update';
const OPS: Op[] = ['insert', 'delete', 'update'];
const ORDER_COLUMNS = 'customer_email, factory_id, status, created_at';
const row = (keys: readonly string[], r: 'new' | 'old') => keys.map((x) => `${r}.${x} as ${x}`).join(', ');
const same = (keys: readonly string[], a: string, b: string) => keys.map((x) => `${a}.${x} = ${b}.${x}`).join(' and ');

/** SQLite row triggers: per scope, the customer of the new row and, when it moved, of the old one. */
function sqliteStatements(op: Op, scopes: readonly CustomerScope[], statements: ScopeStatements): string[] {
  const out: string[] = [];
  for (const { table, keys } of scopes) {
    const sources: ('new' | 'old')[] = op === 'insert' ? ['new'] : op === 'delete' ? ['old'] : ['new', 'old'];
    for (const r of sources) {
      const id = op === 'delete' ? 'old.id' : 'new.id';
      const mine = `select ${keys.join(', ')}, created_at, status from commerce_orders c where ${same(keys, 'c', r)}`;
      const oldRow =
        op === 'insert' ? '' : ` union all select ${row(keys, 'old')}, old.created_at, old.status where ${same(keys, 'old', r)}`;
      // on update, the old customer is done by the `new` pass when the keys did not move
      const where = op === 'update' && r === 'old' ? `not (${same(keys, 'old', 'new')})` : 'true';
      const before = `${mine} and c.id <> ${id}${oldRow}`;
      out.push(...statements({ table, keys, after: mine, before, touched: `select ${row(keys, r)}`, where, pg: false }));
    }
  }
  return out;
}

/** Postgres statement triggers: per scope, every customer of the statement's old and new rows. */
function pgStatements(op: Op, scopes: readonly CustomerScope[], statements: ScopeStatements): string[] {
  const tables = op === 'insert' ? ['nt'] : op === 'delete' ? ['ot'] : ['nt', 'ot'];
  return scopes.flatMap(({ table, keys }) => {
    const k = keys.join(', ');
    const touched = tables.map((t) => `select distinct ${k} from ${t}`).join(' union ');
    const mine = `select ${keys.map((x) => `c.${x}`).join(', ')}, c.created_at, c.status
                    from commerce_orders c where (${keys.map((x) => `c.${x}`).join(', ')}) in (${touched})`;
    const notNew = op === 'delete' ? '' : ' and c.id not in (select id from nt)';
    const oldRows = op === 'insert' ? '' : ` union all select ${k}, created_at, status from ot`;
    return statements({ table, keys, after: mine, before: `${mine}${notNew}${oldRows}`, touched, where: 'true', pg: true });
  });
}

const sqliteEvent = (op: Op, columns: string) => (op === 'update' ? `update of ${columns}` : op);
const REFERENCING: Record<Op, string> = {
  insert: 'new table as nt',
  delete: 'old table as ot',
  update: 'old table as ot new table as nt',
};

/**
 * Creates `<prefix>_insert`, `_delete`, `_update` on `commerce_orders` running `statements` for
 * each scope (per row on SQLite, per statement with transition tables on Postgres). On SQLite the
 * update trigger fires on updates of `customer_email, factory_id, status, created_at` and of
 * `extraColumns` (Postgres statement triggers fire on every update).
 */
export async function createCustomerTriggers(
  db: Kysely<any>,
  prefix: string,
  scopes: readonly CustomerScope[],
  statements: ScopeStatements,
  extraColumns: readonly string[] = [],
) {
  const exec = (text: string) => sql.raw(text).execute(db);
  for (const op of OPS) {
    const name = `${prefix}_${op}`;
    if (isPostgres(db)) {
      const body = pgStatements(op, scopes, statements).join(';\n  ');
      await exec(`create or replace function ${name}() returns trigger language plpgsql as $$\nbegin\n  ${body};\n  return null;\nend $$`);
      await exec(
        `create trigger ${name} after ${op} on commerce_orders referencing ${REFERENCING[op]} for each statement execute function ${name}()`,
      );
    } else {
      const body = sqliteStatements(op, scopes, statements).join(';\n  ');
      const event = sqliteEvent(op, [ORDER_COLUMNS, ...extraColumns].join(', '));
      await exec(`create trigger ${name} after ${event} on commerce_orders begin\n  ${body};\nend`);
    }
  }
}

/** Drops what `createCustomerTriggers(db, prefix, …)` created. */
export async function dropCustomerTriggers(db: Kysely<any>, prefix: string) {
  for (const op of OPS) {
    const name = `${prefix}_${op}`;
    if (isPostgres(db)) {
      await sql.raw(`drop trigger if exists ${name} on commerce_orders`).execute(db);
      await sql.raw(`drop function if exists ${name}()`).execute(db);
    } else await sql.raw(`drop trigger if exists ${name}`).execute(db);
  }
}

/**
 * Creates a per-scope histogram table: `factory_id` when the scope's keys name one, `hour_at`,
 * the extra key `columns` (integer), then `customers`; keyed on all but `customers`, clustered on
 * SQLite (WITHOUT ROWID).
 */
export async function createHistogramTable(db: Kysely<any>, { table, keys }: CustomerScope, columns: string[] = []) {
  const scope = keys.filter((k) => k !== 'customer_email');
  let create = db.schema.createTable(table);
  if (scope.length) create = create.addColumn('factory_id', 'varchar(64)', notNull);
  create = create.addColumn('hour_at', 'bigint', notNull);
  for (const c of columns) create = create.addColumn(c, 'integer', notNull);
  create = create
    .addColumn('customers', 'bigint', notNull)
    .addPrimaryKeyConstraint(`${table}_pk`, [...scope, 'hour_at', ...columns] as never);
  await (isPostgres(db) ? create : create.modifyEnd(sql`without rowid`)).execute();
}
