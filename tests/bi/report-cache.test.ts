import { describe, expect, it } from 'vitest';
import { versionOf } from '../../src/services/analytics/report-cache.ts';
import { heavyReads } from '../../src/services/heavy-reads/registry.ts';
import { biCast, makeFactory } from '../factories.ts';
import { createTestApp, eachTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { addOrder, addProduct, BI_ENV, seedFixture, sh } from './commerce-fixtures.ts';

/**
 * The exact report cache (issue 11 §4, migration 060): a report is answered again while the
 * version of its scope's data is unchanged, and every write to what the reports read, by any
 * writer (here straight into the tables, as the generator or another instance would), makes the
 * next answer a fresh one equal to an uncached computation.
 */
const settings = (t: TestApp) => ({ timeZone: t.config.TIME_ZONE, feeBasisPoints: t.config.PLATFORM_FEE_RATE });

describe.each(DIALECTS)('BI report cache on %s', (dialect) => {
  const w = eachTestApp(dialect, async (t) => ({ who: await biCast(t) }), { env: BI_ENV });
  const sales = (token: string, query = '') => w.t.call('GET', `/api/v1/sales?days=30${query}`, { token });

  it('answers again from the cache until the data changes, then recomputes', async () => {
    await addProduct(w.t, 'P1', 'M1', 1000);
    await addOrder(w.t, { id: 'o1', factoryId: 'M1', email: 'a@x', status: 'paid', at: Date.now() - 60_000, items: [['P1', 2, 1000]] });
    const first = await sales(w.who.m1.token);
    expect(first.body.meta.cached).toBe(false);
    const again = await sales(w.who.m1.token);
    expect(again.body.meta.cached).toBe(true);
    expect(again.body.data).toEqual(first.body.data);
    expect(again.body.data.total_revenue).toBe(20);
    // a second order, a status change and a delete, each straight into the table
    await addOrder(w.t, { id: 'o2', factoryId: 'M1', email: 'b@x', status: 'shipped', at: Date.now() - 30_000, subtotal: 500 });
    const added = await sales(w.who.m1.token);
    expect(added.body.meta.cached).toBe(false);
    expect(added.body.data).toMatchObject({ total_revenue: 25, order_count: 2 });
    await w.t.deps.db.updateTable('commerce_orders').set({ status: 'cancelled' }).where('id', '=', 'o1').execute();
    expect((await sales(w.who.m1.token)).body.data).toMatchObject({ total_revenue: 5, order_count: 1 });
    await w.t.deps.db.deleteFrom('commerce_orders').where('id', '=', 'o2').execute();
    const gone = await sales(w.who.m1.token);
    expect(gone.body.meta.cached).toBe(false);
    expect(gone.body.data).toMatchObject({ total_revenue: 0, order_count: 0 });
  });

  it("keeps other merchants' reports on a merchant's change, not the platform's", async () => {
    await addOrder(w.t, { id: 'o1', factoryId: 'M1', email: 'a@x', status: 'paid', at: Date.now() - 60_000, subtotal: 1000 });
    await addOrder(w.t, { id: 'o2', factoryId: 'M2', email: 'b@x', status: 'paid', at: Date.now() - 60_000, subtotal: 2000 });
    for (const q of ['', '&merchant_id=M2', '&merchant_id=M1']) await sales(w.who.admin.token, q);
    const before = {
      m1: await versionOf(w.t.deps.db, 'M1'),
      m2: await versionOf(w.t.deps.db, 'M2'),
      all: await versionOf(w.t.deps.db, null),
    };
    await addOrder(w.t, { id: 'o3', factoryId: 'M1', email: 'c@x', status: 'paid', at: Date.now() - 1000, subtotal: 300 });
    expect(await versionOf(w.t.deps.db, 'M2')).toBe(before.m2);
    expect(await versionOf(w.t.deps.db, 'M1')).toBeGreaterThan(before.m1);
    expect(await versionOf(w.t.deps.db, null)).toBeGreaterThan(before.all);
    const m2 = await sales(w.who.admin.token, '&merchant_id=M2');
    expect(m2.body.meta.cached).toBe(true);
    const platform = await sales(w.who.admin.token);
    expect(platform.body.meta.cached).toBe(false);
    expect(platform.body.data.total_revenue).toBe(33);
    const m1 = await sales(w.who.m1.token);
    expect(m1.body.meta.cached).toBe(false);
    expect(m1.body.data.total_revenue).toBe(13);
  });

  it('every report equals an uncached computation after each kind of write', async () => {
    await seedFixture(w.t);
    const s = settings(w.t);
    const reads = async () => {
      const now = Date.now();
      const db = w.t.deps.db;
      return [
        ['/api/v1/sales?days=30', 'm1', { ...(await heavyReads.sales(db, 'M1', 30, s, now)) }],
        ['/api/v1/products/top?days=365&limit=5', 'm1', { products: await heavyReads.topProducts(db, 'M1', 365, 5, s, now) }],
        ['/api/v1/customers?days=365', 'admin', await heavyReads.customers(db, null, 365, s, now)],
        ['/api/v1/financial?month=2024-01', 'm1', await heavyReads.financial(db, 'M1', '2024-01', s)],
        ['/api/v1/financial?month=2024-01', 'admin', await heavyReads.financial(db, null, '2024-01', s)],
        ['/api/v1/platform/overview?month=2024-01', 'admin', await heavyReads.platformOverview(db, '2024-01', s, now)],
      ] as const;
    };
    const check = async (step: string) => {
      for (const [path, who, expected] of await reads()) {
        const res = await w.t.call('GET', path, { token: w.who[who].token });
        expect(res.status, `${step}: ${path}`).toBe(200);
        expect(res.body.data, `${step}: ${path} as ${who}`).toEqual(expected);
      }
    };
    await check('seeded');
    await check('seeded, from the cache');
    const db = w.t.deps.db;
    const writes: [string, () => Promise<unknown>][] = [
      ['order', () => addOrder(w.t, { id: 'n1', factoryId: 'M1', email: 'new@x', status: 'paid', at: sh(2024, 1, 20, 9), subtotal: 777 })],
      [
        'item',
        () =>
          db
            .insertInto('commerce_order_items')
            .values({
              order_id: 'n1',
              product_id: 'P2',
              product_name: 'Product P2',
              quantity: 9,
              unit_price_cents: 3333,
              total_cents: 29997,
            })
            .execute(),
      ],
      ['item edit', () => db.updateTable('commerce_order_items').set({ quantity: 1 }).where('order_id', '=', 'n1').execute()],
      ['product', () => db.updateTable('commerce_products').set({ name: 'Renamed' }).where('id', '=', 'P2').execute()],
      [
        'transfer',
        () =>
          db
            .insertInto('commerce_transfers')
            .values({ factory_id: 'M1', amount_cents: 4200, status: 'pending', created_at: sh(2024, 1, 21) })
            .execute(),
      ],
      [
        'subscription',
        () =>
          db
            .insertInto('commerce_subscriptions')
            .values({
              factory_id: 'M2',
              plan: 'pro',
              amount_cents: 12000,
              billing_interval: 'year',
              started_at: sh(2023, 6, 1),
              cancelled_at: null,
            })
            .execute(),
      ],
      ['factory', () => makeFactory(w.t, 'M3', { name: 'Factory M3', createdAt: sh(2024, 1, 25) })],
      ['status', () => db.updateTable('commerce_orders').set({ status: 'cancelled' }).where('id', '=', 'n1').execute()],
      [
        'recent order',
        () => addOrder(w.t, { id: 'n2', factoryId: 'M2', email: 'z@x', status: 'delivered', at: Date.now() - 5000, subtotal: 99 }),
      ],
      ['delete', () => db.deleteFrom('commerce_orders').where('id', '=', 'n2').execute()],
    ];
    for (const [step, write] of writes) {
      await write();
      await check(step);
    }
  });

  it('computes every time with BI_CACHE_ENTRIES=0', async () => {
    const t = await createTestApp(dialect, { env: { ...BI_ENV, BI_CACHE_ENTRIES: '0' } });
    try {
      const { m1 } = await biCast(t);
      for (let i = 0; i < 2; i++) {
        const res = await t.call('GET', '/api/v1/sales', { token: m1.token });
        expect(res.body.meta.cached).toBe(false);
      }
    } finally {
      await t.close();
    }
  });
});
