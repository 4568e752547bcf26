import { type Kysely, sql } from 'kysely';
import { createVersionTriggers, dropVersionTriggers } from '../migrations/2026-12-12-060-bi-versions.ts';
import { createLastHourTriggers, dropLastHourTriggers } from '../migrations/2026-12-12-091-customer-last-hours.ts';
import { createGapTriggers, dropGapTriggers } from '../migrations/bi-customer-gaps.ts';
import { createSpendTriggers, dropSpendTriggers } from '../migrations/bi-customer-spend.ts';
import { createProductHourTriggers, dropProductHourTriggers, productDaysFromHours, productFill } from '../migrations/bi-product-hours.ts';
import { COUNTED, createTriggers, dropTriggers, HOUR_MS, PRODUCT_DAYS, PRODUCT_HOURS, upsert } from '../migrations/bi-rollup-triggers.ts';
import { isPostgres } from '../migrations/helpers.ts';
import { customerStatements } from './bulk-customer-rollups.ts';

/** `first_at` upsert keeping the earlier non-null instant, `last_at` the later. */
const earlier = (table: string) =>
  `first_at = case when ${table}.first_at is null or excluded.first_at < ${table}.first_at then coalesce(excluded.first_at, ${table}.first_at) else ${table}.first_at end,
   last_at = case when ${table}.last_at is null or excluded.last_at > ${table}.last_at then coalesce(excluded.last_at, ${table}.last_at) else ${table}.last_at end`;

/**
 * Statements adding to the rollups of migrations 042 and 093 what a load's new orders (`orders`: a
 * `from … where …` clause selecting them) and new items (`items`: a condition on `i`, the items
 * table) contribute, when those items all belong to those orders (a bulk load of new orders with
 * their items); `empty`: there were no orders before it. Set-based: one grouped INSERT per rollup
 * instead of a trigger per row or statement.
 */
function bulkStatements(orders: string, items: string, pg: boolean, empty: boolean): string[] {
  const counted = `${orders} and status in ${COUNTED}`;
  return [
    upsert(
      'bi_sales_hours',
      ['factory_id', 'hour_at'],
      ['orders', 'cents'],
      `select factory_id, created_at - created_at % ${HOUR_MS}, count(*), sum(total_cents) ${counted} group by 1, 2`,
    ),
    upsert(
      'bi_platform_sales_hours',
      ['hour_at'],
      ['orders', 'cents'],
      `select created_at - created_at % ${HOUR_MS}, count(*), sum(total_cents) ${counted} group by 1`,
    ),
    // the hours from the items; the days from the hours when they hold nothing else (1M orders:
    // 1.0 s instead of 3.9 s from the items again)
    productFill(PRODUCT_HOURS, items, pg),
    empty ? productDaysFromHours() : productFill(PRODUCT_DAYS, items, pg),
    upsert('bi_order_counts', ['factory_id', 'status'], ['orders'], `select factory_id, status, count(*) ${orders} group by 1, 2`),
    `insert into bi_customer_firsts (factory_id, customer_email, first_at, last_at)
       select factory_id, customer_email, min(case when status in ${COUNTED} then created_at end),
              max(case when status in ${COUNTED} then created_at end) ${orders} group by 1, 2
       on conflict (factory_id, customer_email) do update set ${earlier('bi_customer_firsts')}`,
    `insert into bi_platform_customer_firsts (customer_email, first_at, last_at)
       select customer_email, min(case when status in ${COUNTED} then created_at end),
              max(case when status in ${COUNTED} then created_at end) ${orders} group by 1
       on conflict (customer_email) do update set ${earlier('bi_platform_customer_firsts')}`,
  ];
}

/** Tables the bulk load writes, in the order Postgres locks them (orders before their items). */
const PG_TABLES = ['commerce_products', 'commerce_orders', 'commerce_order_items', 'commerce_transfers', 'commerce_subscriptions'];

/** The triggers (migrations 042/070 rollups, 060 versions) a bulk load disables on Postgres. */
async function pgTriggers(trx: Kysely<any>) {
  const r = await sql<{ table: string; name: string }>`
    select c.relname as table, t.tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
     where c.oid = any (${sql.raw(`array[${PG_TABLES.map((t) => `'${t}'::regclass`).join(', ')}]`)})
       and not t.tgisinternal and (t.tgname like 'bi\\_%rollup\\_%' or t.tgname like 'bi\\_version\\_%')
     order by 1, 2`.execute(trx);
  return r.rows;
}

/**
 * Postgres: the statements dropping and re-creating the secondary indexes and the foreign keys of
 * orders and items, and the spend rankings of migration 092 (unique and primary keys stay).
 */
async function pgRebuilt(trx: Kysely<any>) {
  const r = await sql<{ drop: string; create: string; table: string }>`
    select format('drop index %I', c.relname) as drop, pg_get_indexdef(i.indexrelid) as create, i.indrelid::regclass::text as table
      from pg_index i join pg_class c on c.oid = i.indexrelid
     where i.indrelid in ('commerce_orders'::regclass, 'commerce_order_items'::regclass,
                          'bi_customer_spend'::regclass, 'bi_platform_customer_spend'::regclass) and not i.indisunique
    union all
    select format('alter table %s drop constraint %I', conrelid::regclass, conname),
           format('alter table %s add constraint %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid)),
           conrelid::regclass::text
      from pg_constraint
     where contype = 'f' and conrelid in ('commerce_orders'::regclass, 'commerce_order_items'::regclass)`.execute(trx);
  return r.rows;
}

/**
 * Postgres: locks the tables, disables the rollup and version triggers, notes the items' id
 * watermark and which orders the load inserts (all when there were none; else a statement
 * trigger copies their ids from its transition table into a temporary table), runs `load`, adds
 * the rollups set-based and enables the triggers again; all in the caller's transaction.
 */
async function pgBulk<T>(trx: Kysely<any>, merchantIds: string[], expectedOrders: number, load: () => Promise<T>): Promise<T> {
  const exec = (text: string) => sql.raw(text).execute(trx);
  // taken before the watermarks: from here until commit no other session writes these tables
  await exec(`lock table ${PG_TABLES.join(', ')} in share row exclusive mode`);
  await exec(`set local work_mem = '256MB'`);
  await exec(`set local maintenance_work_mem = '1GB'`);
  const triggers = await pgTriggers(trx);
  for (const t of triggers) await exec(`alter table ${t.table} disable trigger ${t.name}`);
  const mark = await sql<{ orders: number; items: number | null }>`
    select (select count(*) from (select 1 from commerce_orders limit ${expectedOrders}) o) as orders,
           (select max(id) from commerce_order_items) as items`.execute(trx);
  const orders = Number(mark.rows[0]?.orders ?? 0);
  const items = Number(mark.rows[0]?.items ?? 0);
  // outgrown table: one index build and one foreign-key check per constraint, both set-based, cost
  // less than index inserts and key lookups row by row (100k orders: 15.7 s of inserts with them,
  // 2.8 s without + 3.5 s to build and check; the rollups' plans then need fresh statistics)
  const rebuilt = orders < expectedOrders ? await pgRebuilt(trx) : [];
  for (const r of rebuilt) await exec(r.drop);
  if (orders > 0) {
    await exec('create temporary table bi_bulk_orders (id varchar(64) not null) on commit drop');
    await exec(`create function bi_bulk_capture() returns trigger language plpgsql as $$
      begin insert into bi_bulk_orders select id from nt; return null; end $$`);
    await exec(
      'create trigger bi_bulk_capture after insert on commerce_orders referencing new table as nt for each statement execute function bi_bulk_capture()',
    );
  }
  const result = await load();
  if (orders > 0) {
    await exec('drop trigger bi_bulk_capture on commerce_orders');
    await exec('drop function bi_bulk_capture()');
    await exec('analyze bi_bulk_orders');
  }
  // the spend rankings (migration 092) are built after the rollups fill them, the rest before
  const spend = (t: string) => t.endsWith('_spend');
  for (const r of rebuilt.filter((x) => !spend(x.table))) await exec(r.create);
  // the tables' statistics predate the load: the rollups' joins and aggregates need fresh ones
  if (rebuilt.length) await exec('analyze commerce_orders, commerce_order_items');
  const fresh = orders > 0 ? 'from commerce_orders where id in (select id from bi_bulk_orders)' : 'from commerce_orders where true';
  for (const s of bulkStatements(fresh, `i.id > ${items}`, true, orders === 0)) await exec(s);
  for (const s of customerStatements(fresh, orders > 0 ? 'id not in (select id from bi_bulk_orders)' : null, true)) await exec(s);
  for (const r of rebuilt.filter((x) => spend(x.table))) await exec(r.create);
  await bumpVersions(trx, merchantIds);
  for (const t of triggers) await exec(`alter table ${t.table} enable trigger ${t.name}`);
  if (orders > 0) await exec('drop table bi_bulk_orders');
  return result;
}

/** Raises the data versions of `merchantIds` and the platform, once each. */
async function bumpVersions(trx: Kysely<any>, merchantIds: string[]) {
  for (const scope of [...merchantIds, '']) {
    await sql`insert into bi_versions (scope_id, version) values (${scope}, 1)
              on conflict (scope_id) do update set version = bi_versions.version + 1`.execute(trx);
  }
}

/**
 * Runs `load` (inserts of about `expectedOrders` new commerce orders with their items, products,
 * payouts and subscriptions of `merchantIds`; no updates or deletes) inside the caller's
 * transaction `trx` and leaves the BI rollups and data versions exactly as the triggers would
 * have; the triggers cost more than the inserts. The rollups are added set-based after the load
 * from the rows it added.
 * - SQLite: the triggers are dropped for the load and re-created before it returns (the write
 *   lock is held throughout, so no other writer can slip a row past them); new rows are those
 *   past the rowid watermarks; when the load is bigger than the orders already there, the order
 *   and item indexes are dropped for it and built again after.
 * - Postgres: the commerce tables are locked in SHARE ROW EXCLUSIVE mode (other writers of them
 *   wait until commit, readers do not) and their rollup and version triggers disabled
 *   (`alter table … disable trigger`, enabled again before it returns; other sessions never see
 *   them off); new orders are recorded by a temporary capture trigger, new items are past the id
 *   watermark. When the load is bigger than the orders already there, the order and item
 *   secondary indexes and foreign keys are dropped for it and rebuilt (keys checked) after, and
 *   readers of those two tables then wait until commit too; otherwise they stay.
 * @throws whatever `load` or a statement throws; the caller's transaction then rolls it all
 *   back, triggers included.
 */
export async function withBulkRollups<T>(
  trx: Kysely<any>,
  merchantIds: string[],
  expectedOrders: number,
  load: () => Promise<T>,
): Promise<T> {
  if (isPostgres(trx)) return pgBulk(trx, merchantIds, expectedOrders, load);
  const mark = await sql<{ orders: number | null; items: number | null }>`
    select (select max(rowid) from commerce_orders) as orders, (select max(id) from commerce_order_items) as items`.execute(trx);
  const { orders, items } = mark.rows[0] ?? { orders: 0, items: 0 };
  // more new orders than rows already there: building each index once from sorted rows costs
  // less than inserting into it row by row (profiled: 9.7 s load + 2.1 s build vs 15.2 s, 300k orders)
  const indexes =
    Number(orders ?? 0) < expectedOrders
      ? (
          await sql<{ name: string; sql: string; table: string }>`select name, sql, tbl_name as "table" from sqlite_master
            where type = 'index' and sql is not null
              and tbl_name in ('commerce_orders', 'commerce_order_items', 'bi_customer_spend', 'bi_platform_customer_spend')`.execute(trx)
        ).rows
      : [];
  for (const i of indexes) await sql.raw(`drop index "${i.name}"`).execute(trx);
  await dropTriggers(trx);
  await dropGapTriggers(trx);
  await dropLastHourTriggers(trx);
  await dropSpendTriggers(trx);
  await dropProductHourTriggers(trx);
  await dropVersionTriggers(trx);
  const result = await load();
  // the spend rankings (migration 092) are built after the rollups fill them, the rest before
  const spend = (t: string) => t.endsWith('_spend');
  for (const i of indexes.filter((x) => !spend(x.table))) await sql.raw(i.sql).execute(trx);
  const fresh = `from commerce_orders where rowid > ${Number(orders ?? 0)}`;
  for (const s of bulkStatements(fresh, `i.id > ${Number(items ?? 0)}`, false, !Number(orders ?? 0))) await sql.raw(s).execute(trx);
  const before = Number(orders ?? 0) > 0 ? `rowid <= ${Number(orders)}` : null;
  for (const s of customerStatements(fresh, before, false)) await sql.raw(s).execute(trx);
  for (const i of indexes.filter((x) => spend(x.table))) await sql.raw(i.sql).execute(trx);
  await bumpVersions(trx, merchantIds);
  await createTriggers(trx);
  await createGapTriggers(trx);
  await createLastHourTriggers(trx);
  await createSpendTriggers(trx);
  await createProductHourTriggers(trx);
  await createVersionTriggers(trx);
  return result;
}
