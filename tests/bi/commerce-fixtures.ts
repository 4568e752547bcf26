import type { CommerceOrderStatus } from '../../db/database.ts';
import type { TestApp } from '../helpers/app.ts';

/** The BI settings the fixture's figures assume: days in Asia/Shanghai, a 5 % platform fee. */
export const BI_ENV = { TIME_ZONE: 'Asia/Shanghai', PLATFORM_FEE_RATE: '0.05' };

/** Epoch ms of a wall-clock time in Asia/Shanghai (UTC+8, no DST): `sh(2024, 1, 15, 9)`. */
export const sh = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0) => Date.UTC(y, mo - 1, d, h - 8, mi, s, ms);

export async function addProduct(t: TestApp, id: string, factoryId: string, priceCents: number, createdAt = sh(2023, 12, 1)) {
  await t.deps.db
    .insertInto('commerce_products')
    .values({
      id,
      factory_id: factoryId,
      name: `Product ${id}`,
      price_cents: priceCents,
      currency: 'CNY',
      stock_quantity: 10,
      status: 'active',
      created_at: createdAt,
    })
    .execute();
}

/** An order whose subtotal is the sum of its items (or `subtotal` when it has none); total adds shipping and tax. */
export async function addOrder(
  t: TestApp,
  o: {
    id: string;
    factoryId: string;
    email: string;
    status: CommerceOrderStatus;
    at: number;
    items?: [productId: string, qty: number, unitCents: number][];
    subtotal?: number;
    shipping?: number;
    tax?: number;
  },
) {
  const items = o.items ?? [];
  const subtotal = o.subtotal ?? items.reduce((a, [, q, u]) => a + q * u, 0);
  const shipping = o.shipping ?? 0;
  const tax = o.tax ?? 0;
  await t.deps.db
    .insertInto('commerce_orders')
    .values({
      id: o.id,
      order_number: `ORD-${o.id}`,
      factory_id: o.factoryId,
      customer_email: o.email,
      customer_name: o.email.split('@')[0] ?? null,
      status: o.status,
      subtotal_cents: subtotal,
      shipping_fee_cents: shipping,
      tax_cents: tax,
      total_cents: subtotal + shipping + tax,
      currency: 'CNY',
      created_at: o.at,
      updated_at: o.at,
    })
    .execute();
  for (const [productId, qty, unit] of items) {
    await t.deps.db
      .insertInto('commerce_order_items')
      .values({
        order_id: o.id,
        product_id: productId,
        product_name: `Product ${productId}`,
        quantity: qty,
        unit_price_cents: unit,
        total_cents: qty * unit,
      })
      .execute();
  }
}

/**
 * The hand-computed fixture of bi.test.ts (Asia/Shanghai). "Now" is 2024-01-15 10:00 local.
 * Merchant M1, counted orders (paid/shipped/delivered):
 *   o0  01-08 23:59:59.999  a@x  P3×1@999.99            = 999.99  (just before the 7-day window)
 *   o1  01-09 00:00         a@x  P1×2@50.00             = 100.00  (first instant of the window)
 *   o6  01-10 12:00         e@x  P2×1@0.01              =   0.01
 *   o2  01-15 09:00         b@x  P2×1@33.33             =  33.33
 *   o3  01-15 09:30         b@x  P1×1@50.00 + P3×1@16.67 = 66.67
 *   o9  01-01 00:00 (UTC: Dec 31)  z@x  5.00 no items
 *   o7  01-31 23:59:59      z@x  10.10 no items
 *   o8  02-01 00:00 (UTC: Jan 31)  z@x  20.00 → February
 *   o10 2023-12-31 23:59:59 z@x  7.00 → December
 * not counted: o4 01-12 pending c@x P2×10@50.00, o5 01-12 cancelled c@x 700.00.
 * Merchant M2: m2o1 01-13 paid a@x 12345.67.
 */
export const NOW = sh(2024, 1, 15, 10);

export async function seedFixture(t: TestApp) {
  await addProduct(t, 'P1', 'M1', 5000);
  await addProduct(t, 'P2', 'M1', 3333);
  await addProduct(t, 'P3', 'M1', 1667);
  await addProduct(t, 'Q1', 'M2', 1234567);
  const M1 = 'M1';
  await addOrder(t, {
    id: 'o0',
    factoryId: M1,
    email: 'a@x',
    status: 'paid',
    at: sh(2024, 1, 8, 23, 59, 59, 999),
    items: [['P3', 1, 99999]],
  });
  await addOrder(t, { id: 'o1', factoryId: M1, email: 'a@x', status: 'paid', at: sh(2024, 1, 9), items: [['P1', 2, 5000]] });
  await addOrder(t, { id: 'o6', factoryId: M1, email: 'e@x', status: 'paid', at: sh(2024, 1, 10, 12), items: [['P2', 1, 1]] });
  await addOrder(t, { id: 'o2', factoryId: M1, email: 'b@x', status: 'shipped', at: sh(2024, 1, 15, 9), items: [['P2', 1, 3333]] });
  await addOrder(t, {
    id: 'o3',
    factoryId: M1,
    email: 'b@x',
    status: 'delivered',
    at: sh(2024, 1, 15, 9, 30),
    items: [
      ['P1', 1, 5000],
      ['P3', 1, 1667],
    ],
  });
  await addOrder(t, { id: 'o4', factoryId: M1, email: 'c@x', status: 'pending', at: sh(2024, 1, 12), items: [['P2', 10, 5000]] });
  await addOrder(t, { id: 'o5', factoryId: M1, email: 'c@x', status: 'cancelled', at: sh(2024, 1, 12), subtotal: 70000 });
  await addOrder(t, { id: 'o9', factoryId: M1, email: 'z@x', status: 'delivered', at: sh(2024, 1, 1), subtotal: 500 });
  await addOrder(t, {
    id: 'o7',
    factoryId: M1,
    email: 'z@x',
    status: 'paid',
    at: sh(2024, 1, 31, 23, 59, 59),
    subtotal: 900,
    shipping: 100,
    tax: 10,
  });
  await addOrder(t, { id: 'o8', factoryId: M1, email: 'z@x', status: 'paid', at: sh(2024, 2, 1), subtotal: 2000 });
  await addOrder(t, { id: 'o10', factoryId: M1, email: 'z@x', status: 'paid', at: sh(2023, 12, 31, 23, 59, 59), subtotal: 700 });
  await addOrder(t, { id: 'm2o1', factoryId: 'M2', email: 'a@x', status: 'paid', at: sh(2024, 1, 13), items: [['Q1', 1, 1234567]] });

  const transfers = [
    { factory_id: M1, amount_cents: 30000, status: 'pending' as const, created_at: sh(2024, 1, 20), completed_at: null },
    { factory_id: M1, amount_cents: 50050, status: 'completed' as const, created_at: sh(2024, 1, 1), completed_at: sh(2024, 1, 3) },
    { factory_id: M1, amount_cents: 9900, status: 'completed' as const, created_at: sh(2024, 2, 1), completed_at: sh(2024, 2, 2) },
    { factory_id: 'M2', amount_cents: 100000, status: 'pending' as const, created_at: sh(2024, 1, 20), completed_at: null },
  ];
  await t.deps.db.insertInto('commerce_transfers').values(transfers).execute();
  await t.deps.db
    .insertInto('commerce_subscriptions')
    .values([
      { factory_id: M1, plan: 'pro', amount_cents: 9900, billing_interval: 'month', started_at: sh(2023, 12, 1), cancelled_at: null },
      {
        factory_id: 'M2',
        plan: 'business',
        amount_cents: 100000,
        billing_interval: 'year',
        started_at: sh(2024, 1, 5),
        cancelled_at: null,
      },
      {
        factory_id: M1,
        plan: 'basic',
        amount_cents: 5000,
        billing_interval: 'month',
        started_at: sh(2023, 6, 1),
        cancelled_at: sh(2024, 1, 20),
      },
      { factory_id: 'M2', plan: 'pro', amount_cents: 9900, billing_interval: 'month', started_at: sh(2024, 2, 3), cancelled_at: null },
    ])
    .execute();
}

/** Merchants (factories) `ids`, created at epoch 0 when missing. */
export async function addMerchants(t: TestApp, ids: string[]) {
  await t.deps.db
    .insertInto('factories')
    .values(ids.map((id) => ({ id, name: id, created_at: 0 })))
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** A repeatable draw of integers in [0, n) from `seed` (a linear congruential generator): random test data. */
export function draws(seed: number): (n: number) => number {
  let x = seed;
  return (n) => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x % n;
  };
}
