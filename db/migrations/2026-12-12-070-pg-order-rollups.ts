import { type Kysely, sql } from 'kysely';
import {
  COUNTED,
  createPgOrderRowTrigger,
  HOUR_MS,
  PG_ITEM_TRIGGERS,
  PRODUCT_DAYS,
  type ProductGrain,
  productKeys,
  upsert,
} from './bi-rollup-triggers.ts';
import { isPostgres } from './helpers.ts';

/**
 * Postgres: the order rollups of migration 042 per statement instead of per row, and its item
 * statements without a quadratic test (issue 11 §4).
 * A row trigger updates the same few rows (an order status count, the current hour) once per
 * order; in one transaction each update leaves a dead version behind that the next one must step
 * over, so a million-order load slowed to ~500 orders/s. Statement triggers read the statement's
 * transition tables (`nt` new rows, `ot` old rows) and apply each rollup's net change with one
 * grouped upsert; the first counted orders of the customers a statement touched are recomputed
 * from the table. SQLite keeps its row triggers (no versions to step over; the generator adds its
 * rollups set-based). Transition tables rule out `update of <columns>`: every update fires, and
 * groups whose net change is zero are skipped.
 */

/** The statement's rows with a sign: +1 new, −1 old. */
const CHANGES = {
  insert: 'select nt.*, 1 as sign from nt',
  delete: 'select ot.*, -1 as sign from ot',
  update: 'select ot.*, -1 as sign from ot union all select nt.*, 1 as sign from nt',
} as const;
export type Op = keyof typeof CHANGES;

export const REFERENCING: Record<Op, string> = {
  insert: 'new table as nt',
  delete: 'old table as ot',
  update: 'old table as ot new table as nt',
};

/**
 * Postgres statement trigger on orders, event `op`: the items of the changed orders added to or
 * removed from product rollup `g`, each order counted once per product.
 */
export function pgOrderProductStatement(op: Op, g: ProductGrain): string {
  return upsert(
    g.table,
    productKeys(g),
    ['quantity', 'cents', 'orders'],
    `select factory_id, bucket, product_id, sum(sign * q), sum(sign * c), sum(sign)
       from (select d.factory_id, d.created_at - d.created_at % ${g.ms} as bucket, i.product_id, d.sign,
                    sum(i.quantity) as q, sum(i.total_cents) as c
               from (${CHANGES[op]}) d join commerce_order_items i on i.order_id = d.id
              where d.status in ${COUNTED}
              group by d.id, d.sign, d.factory_id, d.created_at, i.product_id) per_order
       group by 1, 2, 3 having sum(sign * q) <> 0 or sum(sign * c) <> 0 or sum(sign) <> 0`,
  );
}

/** The rollup statements of one event; `d` is the signed rows. */
function statements(op: Op): string[] {
  const d = `(${CHANGES[op]}) d`;
  const firsts = (table: string, keys: string[]) =>
    `insert into ${table} (${keys.join(', ')}, first_at)
       select ${keys.map((k) => `k.${k}`).join(', ')},
              (select min(c.created_at) from commerce_orders c
                where ${keys.map((k) => `c.${k} = k.${k}`).join(' and ')} and c.status in ${COUNTED})
         from (select distinct ${keys.join(', ')} from ${d}) k
       on conflict (${keys.join(', ')}) do update set first_at = excluded.first_at`;
  return [
    upsert(
      'bi_sales_hours',
      ['factory_id', 'hour_at'],
      ['orders', 'cents'],
      `select factory_id, created_at - created_at % ${HOUR_MS}, sum(sign), sum(sign * total_cents) from ${d}
         where status in ${COUNTED} group by 1, 2 having sum(sign) <> 0 or sum(sign * total_cents) <> 0`,
    ),
    upsert(
      'bi_platform_sales_hours',
      ['hour_at'],
      ['orders', 'cents'],
      `select created_at - created_at % ${HOUR_MS}, sum(sign), sum(sign * total_cents) from ${d}
         where status in ${COUNTED} group by 1 having sum(sign) <> 0 or sum(sign * total_cents) <> 0`,
    ),
    pgOrderProductStatement(op, PRODUCT_DAYS),
    upsert(
      'bi_order_counts',
      ['factory_id', 'status'],
      ['orders'],
      `select factory_id, status, sum(sign) from ${d} group by 1, 2 having sum(sign) <> 0`,
    ),
    firsts('bi_customer_firsts', ['factory_id', 'customer_email']),
    firsts('bi_platform_customer_firsts', ['customer_email']),
  ];
}

/**
 * Item contributions of a statement's rows `rows` (with `sign`): quantity and cents, and the
 * distinct-order count of an (order, product) pair, which moves when the pair's lines in the table
 * are exactly the statement's new lines (it appears, or for old rows: it is gone once the new
 * lines are set aside). Migration 042 tested every line against the transition table
 * (O(lines²) per statement: 205 ms for 1,250 lines); pairs are counted once here.
 */
function itemStatement(rows: 'nt' | 'ot', sign: 1 | -1, hasNew: boolean, grain: ProductGrain): string {
  const s = sign === 1 ? '' : '-';
  const newLines = hasNew ? 'coalesce(nn.n, 0)' : '0';
  return upsert(
    grain.table,
    productKeys(grain),
    ['quantity', 'cents', 'orders'],
    `select o.factory_id, o.created_at - o.created_at % ${grain.ms}, g.product_id, ${s}sum(g.q), ${s}sum(g.c),
       ${s}sum(case when (select count(*) from commerce_order_items x
                          where x.order_id = g.order_id and x.product_id = g.product_id) = ${newLines} then 1 else 0 end)
       from (select order_id, product_id, sum(quantity) as q, sum(total_cents) as c from ${rows} group by 1, 2) g
       join commerce_orders o on o.id = g.order_id
       ${hasNew ? 'left join (select order_id, product_id, count(*) as n from nt group by 1, 2) nn on nn.order_id = g.order_id and nn.product_id = g.product_id' : ''}
       where o.status in ${COUNTED}
       group by o.factory_id, o.created_at - o.created_at % ${grain.ms}, g.product_id`,
  );
}

/** Postgres statement trigger on items, event `op`: its rows' contributions to product rollup `g`. */
export function pgItemProductStatements(op: Op, g: ProductGrain): string[] {
  if (op === 'insert') return [itemStatement('nt', 1, true, g)];
  if (op === 'delete') return [itemStatement('ot', -1, false, g)];
  return [itemStatement('ot', -1, true, g), itemStatement('nt', 1, true, g)];
}

export const OPS: Op[] = ['insert', 'delete', 'update'];

/** `create or replace function name()` returning null after `statements`. */
export const fn = (name: string, statements: string[]) =>
  `create or replace function ${name}() returns trigger language plpgsql as $$\nbegin\n  ${statements.join(';\n  ')};\n  return null;\nend $$`;

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  const exec = (text: string) => sql.raw(text).execute(db);
  await exec('drop trigger if exists bi_orders_rollup on commerce_orders');
  await exec('drop function if exists bi_orders_rollup()');
  for (const op of OPS) {
    const name = `bi_orders_rollup_${op}`;
    await exec(fn(name, statements(op)));
    await exec(
      `create trigger ${name} after ${op} on commerce_orders referencing ${REFERENCING[op]} for each statement execute function ${name}()`,
    );
    // migration 042's item triggers keep their names and events, with the new statements
    await exec(fn(`bi_items_rollup_${op}`, pgItemProductStatements(op, PRODUCT_DAYS)));
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  const exec = (text: string) => sql.raw(text).execute(db);
  for (const op of OPS) {
    await exec(`drop trigger if exists bi_orders_rollup_${op} on commerce_orders`);
    await exec(`drop function if exists bi_orders_rollup_${op}()`);
  }
  for (const t of PG_ITEM_TRIGGERS) await exec(fn(`bi_items_rollup_${t.op}`, t.statements));
  await createPgOrderRowTrigger(db);
}
