import { type Kysely, sql } from 'kysely';
import { isPostgres } from './helpers.ts';

/**
 * BI data versions (issue 11 §4): one counter per merchant (`scope_id` = the factory id) and one
 * for the platform (`scope_id` = ''), raised in the writer's transaction by triggers on every
 * change of what the BI reports read: commerce orders, their items, products, payouts and
 * subscriptions (the merchant's counter and the platform's), and factories (the platform's: new
 * merchants). A report computed for a scope at version v stays exact while the version is v
 * (src/services/analytics/report-cache.ts). SQLite bumps per row; Postgres per statement from the
 * transition tables, so a bulk insert moves a counter once instead of once per row (one row
 * updated millions of times in one transaction would grow a long chain of versions).
 */
const TABLES = [
  'commerce_orders',
  'commerce_order_items',
  'commerce_products',
  'commerce_transfers',
  'commerce_subscriptions',
  'factories',
] as const;

/**
 * The merchants `rows` (a transition table on Postgres, `new`/`old` on SQLite) belong to: their
 * `factory_id`, an item's order's, none for factories (they count for the platform only).
 */
function scopeOf(table: (typeof TABLES)[number], rows: string, pg: boolean): string {
  if (table === 'factories') return `select '' as scope_id where false`;
  if (table === 'commerce_order_items') {
    return pg
      ? `select distinct o.factory_id as scope_id from commerce_orders o where o.id in (select order_id from ${rows})`
      : `select o.factory_id as scope_id from commerce_orders o where o.id = ${rows}.order_id`;
  }
  return pg ? `select factory_id as scope_id from ${rows}` : `select ${rows}.factory_id as scope_id`;
}

/** Raises the counters of the scopes `scopes` selects, and the platform's. */
const bump = (scopes: string) =>
  `insert into bi_versions (scope_id, version)
     select scope_id, 1 from (${scopes} union select '' as scope_id) s where true
     on conflict (scope_id) do update set version = bi_versions.version + 1`;

const OPS = [
  { op: 'insert', sqlite: 'ins', rows: ['new'], referencing: 'new table as nt', pgRows: ['nt'] },
  { op: 'delete', sqlite: 'del', rows: ['old'], referencing: 'old table as ot', pgRows: ['ot'] },
  { op: 'update', sqlite: 'upd', rows: ['old', 'new'], referencing: 'old table as ot new table as nt', pgRows: ['ot', 'nt'] },
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bi_versions')
    .addColumn('scope_id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();
  await createVersionTriggers(db);
  // every scope that has data starts at version 1
  await sql`insert into bi_versions (scope_id, version) select distinct factory_id, 1 from commerce_orders`.execute(db);
  await sql`insert into bi_versions (scope_id, version) values ('', 1) on conflict (scope_id) do nothing`.execute(db);
}

/** The version triggers on every table the reports read (also used by the generator's bulk load). */
export async function createVersionTriggers(db: Kysely<any>): Promise<void> {
  const exec = (text: string) => sql.raw(text).execute(db);
  for (const table of TABLES) {
    for (const o of OPS) {
      const name = `bi_version_${table}_${o.sqlite}`;
      if (isPostgres(db)) {
        const rows = o.pgRows.map((r) => scopeOf(table, r, true)).join(' union ');
        await exec(`create function ${name}() returns trigger language plpgsql as $$\nbegin\n  ${bump(rows)};\n  return null;\nend $$`);
        await exec(
          `create trigger ${name} after ${o.op} on ${table} referencing ${o.referencing} for each statement execute function ${name}()`,
        );
      } else {
        const rows = o.rows.map((r) => scopeOf(table, r, false)).join(' union ');
        await exec(`create trigger ${name} after ${o.op} on ${table} begin\n  ${bump(rows)};\nend`);
      }
    }
  }
}

/** Drops the version triggers (and their functions on Postgres). */
export async function dropVersionTriggers(db: Kysely<any>): Promise<void> {
  const exec = (text: string) => sql.raw(text).execute(db);
  for (const table of TABLES) {
    for (const o of OPS) {
      const name = `bi_version_${table}_${o.sqlite}`;
      if (isPostgres(db)) {
        await exec(`drop trigger if exists ${name} on ${table}`);
        await exec(`drop function if exists ${name}()`);
      } else await exec(`drop trigger if exists ${name}`);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropVersionTriggers(db);
  await db.schema.dropTable('bi_versions').ifExists().execute();
}
