import { type Kysely, sql } from 'kysely';
import { isPostgres } from './helpers.ts';

/**
 * The triggers that keep migration 042's BI rollups exact, and the backfill from the rows
 * already there (the migration's comment says what each rollup holds).
 */
/** The statuses whose orders count as sales, as an SQL list; hour and day lengths, ms. */
export const COUNTED = "('paid', 'shipped', 'delivered')";
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

type Row = 'new' | 'old';

/** A product rollup: its table and time grain (migration 042's days, 093's hours). */
export interface ProductGrain {
  table: string;
  /** The column holding the start of the bucket, epoch ms. */
  at: 'day_at' | 'hour_at';
  /** The bucket's length, ms. */
  ms: number;
}
export const PRODUCT_DAYS: ProductGrain = { table: 'bi_product_days', at: 'day_at', ms: DAY_MS };
export const PRODUCT_HOURS: ProductGrain = { table: 'bi_product_hours', at: 'hour_at', ms: HOUR_MS };
/** The upsert keys of a product rollup. */
export const productKeys = (g: ProductGrain) => ['factory_id', g.at, 'product_id'];

/** `insert ... select ... where true on conflict (keys) do update set col = table.col + excluded.col`. */
export function upsert(table: string, keys: string[], values: string[], select: string) {
  const cols = [...keys, ...values];
  return `insert into ${table} (${cols.join(', ')}) ${select} on conflict (${keys.join(', ')}) do update set ${values
    .map((v) => `${v} = ${table}.${v} + excluded.${v}`)
    .join(', ')}`;
}

/** Statements adding (sign 1) or removing (sign -1) an order row's contributions. */
function orderStatements(r: Row, sign: 1 | -1): string[] {
  const s = sign === 1 ? '' : '-';
  const hour = `${r}.created_at - ${r}.created_at % ${HOUR_MS}`;
  return [
    upsert(
      'bi_sales_hours',
      ['factory_id', 'hour_at'],
      ['orders', 'cents'],
      `select ${r}.factory_id, ${hour}, ${s}1, ${s}${r}.total_cents where ${r}.status in ${COUNTED}`,
    ),
    upsert(
      'bi_platform_sales_hours',
      ['hour_at'],
      ['orders', 'cents'],
      `select ${hour}, ${s}1, ${s}${r}.total_cents where ${r}.status in ${COUNTED}`,
    ),
    orderProductStatement(r, sign, PRODUCT_DAYS),
    upsert('bi_order_counts', ['factory_id', 'status'], ['orders'], `select ${r}.factory_id, ${r}.status, ${s}1 where true`),
    // first counted orders are recomputed from the orders (an index probe), whatever changed
    `insert into bi_customer_firsts (factory_id, customer_email, first_at)
       values (${r}.factory_id, ${r}.customer_email,
               (select min(created_at) from commerce_orders c
                where c.factory_id = ${r}.factory_id and c.customer_email = ${r}.customer_email and c.status in ${COUNTED}))
       on conflict (factory_id, customer_email) do update set first_at = excluded.first_at`,
    `insert into bi_platform_customer_firsts (customer_email, first_at)
       values (${r}.customer_email,
               (select min(created_at) from commerce_orders c where c.customer_email = ${r}.customer_email and c.status in ${COUNTED}))
       on conflict (customer_email) do update set first_at = excluded.first_at`,
  ];
}

/**
 * A row trigger's statement adding (sign 1) or removing (sign −1) an order row's items (usually
 * none on insert: items follow their order) to or from product rollup `g`, when it is counted.
 */
export function orderProductStatement(r: Row, sign: 1 | -1, g: ProductGrain): string {
  const s = sign === 1 ? '' : '-';
  return upsert(
    g.table,
    productKeys(g),
    ['quantity', 'cents', 'orders'],
    `select ${r}.factory_id, ${r}.created_at - ${r}.created_at % ${g.ms}, i.product_id, ${s}sum(i.quantity), ${s}sum(i.total_cents), ${s}1
       from commerce_order_items i where i.order_id = ${r}.id and ${r}.status in ${COUNTED} group by i.product_id`,
  );
}

/**
 * SQLite (row triggers fire as each row changes): statements adding or removing an item row's
 * contribution to product rollup `g` when its order is counted. The product's distinct order
 * count moves only when no other line of the order names the product.
 */
export function itemStatements(r: Row, sign: 1 | -1, g: ProductGrain = PRODUCT_DAYS): string[] {
  const s = sign === 1 ? '' : '-';
  return [
    upsert(
      g.table,
      productKeys(g),
      ['quantity', 'cents', 'orders'],
      `select o.factory_id, o.created_at - o.created_at % ${g.ms}, ${r}.product_id, ${s}${r}.quantity, ${s}${r}.total_cents,
         case when exists (select 1 from commerce_order_items x
                           where x.order_id = ${r}.order_id and x.product_id = ${r}.product_id and x.id <> ${r}.id)
              then 0 else ${s}1 end
         from commerce_orders o where o.id = ${r}.order_id and o.status in ${COUNTED}`,
    ),
  ];
}

/**
 * Postgres: row triggers of one statement all run after the statement, each seeing every row it
 * wrote, so item contributions are applied per statement from its transition tables. `rows` (the
 * statement's old or new rows) are added or removed; the distinct order count moves for an
 * (order, product) pair with no line among the rows that stay (the table minus the new rows).
 */
function pgItemStatement(rows: 'nt' | 'ot', sign: 1 | -1, hasNew: boolean): string {
  const s = sign === 1 ? '' : '-';
  const notNew = hasNew ? ' and not exists (select 1 from nt where nt.id = x.id)' : '';
  return upsert(
    'bi_product_days',
    ['factory_id', 'day_at', 'product_id'],
    ['quantity', 'cents', 'orders'],
    `select o.factory_id, o.created_at - o.created_at % ${DAY_MS}, r.product_id, ${s}sum(r.quantity), ${s}sum(r.total_cents),
       ${s}count(distinct case when not exists (select 1 from commerce_order_items x
                                                where x.order_id = r.order_id and x.product_id = r.product_id${notNew})
                               then r.order_id end)
       from ${rows} r join commerce_orders o on o.id = r.order_id
       where o.status in ${COUNTED}
       group by o.factory_id, o.created_at - o.created_at % ${DAY_MS}, r.product_id`,
  );
}

/** Postgres statement triggers on items: event, transition tables, statements. */
export const PG_ITEM_TRIGGERS: { op: 'insert' | 'update' | 'delete'; referencing: string; statements: string[] }[] = [
  { op: 'insert', referencing: 'new table as nt', statements: [pgItemStatement('nt', 1, true)] },
  { op: 'delete', referencing: 'old table as ot', statements: [pgItemStatement('ot', -1, false)] },
  {
    op: 'update',
    referencing: 'old table as ot new table as nt',
    statements: [pgItemStatement('ot', -1, true), pgItemStatement('nt', 1, true)],
  },
];

/** Columns whose change moves an order's contributions (other updates fire nothing). */
const ORDER_COLUMNS = 'id, factory_id, customer_email, status, created_at, total_cents';
export const ITEM_COLUMNS = 'id, order_id, product_id, quantity, total_cents';

/**
 * Postgres: migration 042's order rollups as a row trigger (replaced by statement triggers in
 * migration 070; its `down` puts this one back).
 */
export async function createPgOrderRowTrigger(db: Kysely<any>) {
  const exec = (text: string) => sql.raw(text).execute(db);
  const orderAdd = orderStatements('new', 1);
  const orderRemove = orderStatements('old', -1);
  await exec(`create function bi_orders_rollup() returns trigger language plpgsql as $$\nbegin
  if tg_op in ('UPDATE', 'DELETE') then\n    ${orderRemove.join(';\n    ')};\n  end if;
  if tg_op in ('INSERT', 'UPDATE') then\n    ${orderAdd.join(';\n    ')};\n  end if;\n  return null;\nend $$`);
  await exec(
    `create trigger bi_orders_rollup after insert or delete or update of ${ORDER_COLUMNS} on commerce_orders for each row execute function bi_orders_rollup()`,
  );
}

export async function createTriggers(db: Kysely<any>) {
  const exec = (text: string) => sql.raw(text).execute(db);
  const orderAdd = orderStatements('new', 1);
  const orderRemove = orderStatements('old', -1);
  if (isPostgres(db)) {
    const fn = (name: string, body: string) =>
      exec(`create function ${name}() returns trigger language plpgsql as $$\nbegin\n${body}\n  return null;\nend $$`);
    await createPgOrderRowTrigger(db);
    for (const t of PG_ITEM_TRIGGERS) {
      await fn(`bi_items_rollup_${t.op}`, `  ${t.statements.join(';\n  ')};`);
      await exec(
        `create trigger bi_items_rollup_${t.op} after ${t.op} on commerce_order_items referencing ${t.referencing} for each statement execute function bi_items_rollup_${t.op}()`,
      );
    }
    return;
  }
  const trigger = (name: string, event: string, table: string, stmts: string[]) =>
    exec(`create trigger ${name} after ${event} on ${table} begin\n  ${stmts.map((x) => `${x};`).join('\n  ')}\nend`);
  await trigger('bi_orders_rollup_ins', 'insert', 'commerce_orders', orderAdd);
  await trigger('bi_orders_rollup_del', 'delete', 'commerce_orders', orderRemove);
  await trigger('bi_orders_rollup_upd', `update of ${ORDER_COLUMNS}`, 'commerce_orders', [...orderRemove, ...orderAdd]);
  await trigger('bi_items_rollup_ins', 'insert', 'commerce_order_items', itemStatements('new', 1));
  await trigger('bi_items_rollup_del', 'delete', 'commerce_order_items', itemStatements('old', -1));
  await trigger('bi_items_rollup_upd', `update of ${ITEM_COLUMNS}`, 'commerce_order_items', [
    ...itemStatements('old', -1),
    ...itemStatements('new', 1),
  ]);
}

export async function dropTriggers(db: Kysely<any>) {
  const exec = (text: string) => sql.raw(text).execute(db);
  if (isPostgres(db)) {
    await exec('drop trigger if exists bi_orders_rollup on commerce_orders');
    await exec('drop function if exists bi_orders_rollup()');
    for (const t of PG_ITEM_TRIGGERS) {
      await exec(`drop trigger if exists bi_items_rollup_${t.op} on commerce_order_items`);
      await exec(`drop function if exists bi_items_rollup_${t.op}()`);
    }
    return;
  }
  for (const table of ['orders', 'items'])
    for (const op of ['ins', 'del', 'upd']) await exec(`drop trigger if exists bi_${table}_rollup_${op}`);
}

/** Rollups from the rows already there. */
export async function backfill(db: Kysely<any>) {
  const statements = [
    `insert into bi_sales_hours (factory_id, hour_at, orders, cents)
       select factory_id, created_at - created_at % ${HOUR_MS}, count(*), sum(total_cents)
       from commerce_orders where status in ${COUNTED} group by factory_id, created_at - created_at % ${HOUR_MS}`,
    `insert into bi_platform_sales_hours (hour_at, orders, cents)
       select hour_at, sum(orders), sum(cents) from bi_sales_hours group by hour_at`,
    `insert into bi_product_days (factory_id, day_at, product_id, quantity, cents, orders)
       select o.factory_id, o.created_at - o.created_at % ${DAY_MS}, i.product_id, sum(i.quantity), sum(i.total_cents), count(distinct o.id)
       from commerce_order_items i join commerce_orders o on o.id = i.order_id
       where o.status in ${COUNTED}
       group by o.factory_id, o.created_at - o.created_at % ${DAY_MS}, i.product_id`,
    `insert into bi_order_counts (factory_id, status, orders)
       select factory_id, status, count(*) from commerce_orders group by factory_id, status`,
    `insert into bi_customer_firsts (factory_id, customer_email, first_at)
       select factory_id, customer_email, min(case when status in ${COUNTED} then created_at end)
       from commerce_orders group by factory_id, customer_email`,
    `insert into bi_platform_customer_firsts (customer_email, first_at)
       select customer_email, min(case when status in ${COUNTED} then created_at end)
       from commerce_orders group by customer_email`,
  ];
  for (const s of statements) await sql.raw(s).execute(db);
}
