import { type Insertable, type Kysely, sql } from 'kysely';
import type { CommerceOrderStatus, Database } from '../database.ts';
import { isPostgres } from '../migrations/helpers.ts';

export interface CommerceGenOptions {
  /** Merchants (factory ids, which must exist) to spread the orders over. */
  merchantIds: string[];
  /** Total orders across all merchants. */
  orders: number;
  /** Orders are spread over the `days` days before `now`. */
  days?: number;
  productsPerMerchant?: number;
  /** Epoch ms; default Date.now(). */
  now?: number;
  /** A random source in [0, 1), e.g. `prng(seed)` for repeatable data. */
  rand: () => number;
  /** Distinguishes ids of separate runs on the same database. */
  runId: string;
  /**
   * Orders per INSERT statement (default 500); on Postgres orders and their items go as arrays,
   * one statement each per `batchSize` orders (default 5,000).
   */
  batchSize?: number;
  onProgress?: (ordersDone: number, total: number) => void;
}

const STATUSES: [CommerceOrderStatus, number][] = [
  ['paid', 0.4],
  ['shipped', 0.2],
  ['delivered', 0.25],
  ['pending', 0.1],
  ['cancelled', 0.05],
];
const NAMES = ['速冻水饺', '手工汤圆', '冷鲜鸡胸', '黑猪里脊', '有机豆浆', '全麦面包', '鲜牛奶', '腊肠礼盒', '冰鲜三文鱼', '速冻馄饨'];
const DAY_MS = 86_400_000;

/** Postgres types of the order and item columns the generator writes, for `unnest` inserts. */
const PG_COLUMNS = {
  commerce_orders: {
    id: 'text',
    order_number: 'text',
    factory_id: 'text',
    customer_email: 'text',
    customer_name: 'text',
    status: 'text',
    subtotal_cents: 'int8',
    shipping_fee_cents: 'int8',
    tax_cents: 'int8',
    total_cents: 'int8',
    currency: 'text',
    created_at: 'int8',
    updated_at: 'int8',
  },
  commerce_order_items: {
    order_id: 'text',
    product_id: 'text',
    product_name: 'text',
    quantity: 'int4',
    unit_price_cents: 'int8',
    total_cents: 'int8',
  },
} as const;

/**
 * Postgres: `rows` in one `insert … select * from unnest($1::text[], …)`, a parameter per column
 * instead of per value: the server parses and plans a short statement, whatever the row count
 * (a 500-row VALUES list of 6,500 parameters took 42 ms; profiled).
 */
async function insertArrays<T extends keyof typeof PG_COLUMNS>(db: Kysely<Database>, table: T, rows: Insertable<Database[T]>[]) {
  const columns = Object.entries(PG_COLUMNS[table]);
  const arrays = columns.map(([c, type]) => sql`${rows.map((r) => (r as Record<string, unknown>)[c] ?? null)}::${sql.raw(type)}[]`);
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map(([c]) => sql.ref(c)))})
            select * from unnest(${sql.join(arrays)})`.execute(db);
}

function pickStatus(r: number): CommerceOrderStatus {
  let acc = 0;
  for (const [status, p] of STATUSES) {
    acc += p;
    if (r < acc) return status;
  }
  return 'paid';
}

/**
 * Fills the commerce tables at any size with multi-row INSERTs of `batchSize` rows: products per
 * merchant, orders with 1–4 items spread over `days` days (statuses 40 % paid, 20 % shipped,
 * 25 % delivered, 10 % pending, 5 % cancelled), a payout transfer per 20 sold orders (5 % fee
 * kept; completed after 7 days, else pending) and one monthly subscription per merchant.
 * Customers repeat: each merchant draws from a pool of orders/3 emails.
 * @returns counts of rows written.
 */
export async function generateCommerce(
  db: Kysely<Database>,
  o: CommerceGenOptions,
): Promise<{ products: number; orders: number; items: number; transfers: number }> {
  const now = o.now ?? Date.now();
  const days = o.days ?? 180;
  const pg = isPostgres(db);
  const batch = o.batchSize ?? (pg ? 5000 : 500);
  const rowsPerStatement = Math.min(batch, 500);
  const perMerchant = o.productsPerMerchant ?? 30;
  const int = (lo: number, hi: number) => lo + Math.floor(o.rand() * (hi - lo + 1));
  const products = new Map<string, { id: string; name: string; price: number }[]>();
  const productRows: Insertable<Database['commerce_products']>[] = [];
  for (const m of o.merchantIds) {
    const list = Array.from({ length: perMerchant }, (_, i) => ({
      id: `prod_${o.runId}_${m}_${i + 1}`,
      name: `${NAMES[i % NAMES.length]} ${Math.floor(i / NAMES.length) + 1}号`,
      price: int(5, 500) * 100 + int(0, 99),
    }));
    products.set(m, list);
    for (const p of list) {
      productRows.push({
        id: p.id,
        factory_id: m,
        name: p.name,
        price_cents: p.price,
        currency: 'CNY',
        stock_quantity: int(0, 500),
        status: o.rand() < 0.9 ? 'active' : 'inactive',
        created_at: now - days * DAY_MS - int(0, 30) * DAY_MS,
      });
    }
  }
  for (let i = 0; i < productRows.length; i += rowsPerStatement)
    await db
      .insertInto('commerce_products')
      .values(productRows.slice(i, i + rowsPerStatement))
      .execute();

  let orders: Insertable<Database['commerce_orders']>[] = [];
  let items: Insertable<Database['commerce_order_items']>[] = [];
  const transfers: Insertable<Database['commerce_transfers']>[] = [];
  const sold = new Map<string, { cents: number; count: number }>();
  let itemCount = 0;
  const flush = async () => {
    if (pg) {
      await insertArrays(db, 'commerce_orders', orders);
      if (items.length) await insertArrays(db, 'commerce_order_items', items);
    } else {
      if (orders.length) await db.insertInto('commerce_orders').values(orders).execute();
      for (let i = 0; i < items.length; i += batch)
        await db
          .insertInto('commerce_order_items')
          .values(items.slice(i, i + batch))
          .execute();
    }
    itemCount += items.length;
    orders = [];
    items = [];
  };
  const pool = Math.max(1, Math.floor(o.orders / o.merchantIds.length / 3));
  for (let n = 0; n < o.orders; n++) {
    const merchant = o.merchantIds[n % o.merchantIds.length] as string;
    // chronological, so that payouts follow the orders they pay out
    const at = now - days * DAY_MS + Math.floor(((n + o.rand()) / o.orders) * days * DAY_MS);
    const status = pickStatus(o.rand());
    // zero-padded: ids sort in insertion order, so the primary key and the items' order index append
    const id = `ord_${o.runId}_${String(n + 1).padStart(9, '0')}`;
    let subtotal = 0;
    const list = products.get(merchant)!;
    const lines = int(1, 4);
    for (let l = 0; l < lines; l++) {
      const p = list[int(0, list.length - 1)]!;
      const qty = int(1, 3);
      subtotal += qty * p.price;
      items.push({
        order_id: id,
        product_id: p.id,
        product_name: p.name,
        quantity: qty,
        unit_price_cents: p.price,
        total_cents: qty * p.price,
      });
    }
    const shipping = subtotal >= 9900 ? 0 : 1000;
    const tax = Math.round(subtotal * 0.06);
    const customer = int(1, pool);
    orders.push({
      id,
      order_number: `ORD-${new Date(at).toISOString().slice(0, 10).replaceAll('-', '')}-${String(n + 1).padStart(6, '0')}`,
      factory_id: merchant,
      customer_email: `customer${customer}.${merchant.toLowerCase()}@example.com`,
      customer_name: `客户${customer}`,
      status,
      subtotal_cents: subtotal,
      shipping_fee_cents: shipping,
      tax_cents: tax,
      total_cents: subtotal + shipping + tax,
      currency: 'CNY',
      created_at: at,
      updated_at: at + int(0, 3) * DAY_MS,
    });
    if (status !== 'pending' && status !== 'cancelled') {
      const s = sold.get(merchant) ?? { cents: 0, count: 0 };
      s.cents += subtotal + shipping + tax;
      s.count += 1;
      if (s.count === 20) {
        const created = Math.min(now, at + 2 * DAY_MS);
        const done = created < now - 7 * DAY_MS;
        transfers.push({
          factory_id: merchant,
          amount_cents: s.cents - Math.round(s.cents * 0.05),
          status: done ? 'completed' : 'pending',
          created_at: created,
          completed_at: done ? created + 3 * DAY_MS : null,
        });
        sold.delete(merchant);
      } else sold.set(merchant, s);
    }
    if (orders.length >= batch) {
      await flush();
      o.onProgress?.(n + 1, o.orders);
    }
  }
  if (orders.length) {
    await flush();
    o.onProgress?.(o.orders, o.orders);
  }
  for (let i = 0; i < transfers.length; i += rowsPerStatement)
    await db
      .insertInto('commerce_transfers')
      .values(transfers.slice(i, i + rowsPerStatement))
      .execute();
  await db
    .insertInto('commerce_subscriptions')
    .values(
      o.merchantIds.map((m) => ({
        factory_id: m,
        plan: 'pro',
        amount_cents: 9900,
        billing_interval: 'month' as const,
        started_at: now - days * DAY_MS,
        cancelled_at: null,
      })),
    )
    .execute();
  return { products: productRows.length, orders: o.orders, items: itemCount, transfers: transfers.length };
}
