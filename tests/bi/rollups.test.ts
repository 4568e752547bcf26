import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { addOrder, addProduct, sh } from './commerce-fixtures.ts';
import { ROLLUPS, snapshot } from './rollup-snapshot.ts';

/**
 * The trigger-maintained rollups of migration 042 equal the same figures recomputed from the
 * orders after inserts, status changes, moves in time, item edits and deletes.
 */
const n = (v: unknown) => Number(v);

describe.each(DIALECTS)('BI rollups on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect, {});
    await t.deps.db
      .insertInto('factories')
      .values(['R1', 'R2'].map((id) => ({ id, name: id, created_at: sh(2023, 1, 1) })))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await addProduct(t, 'A', 'R1', 1000);
    await addProduct(t, 'B', 'R1', 250);
    await addProduct(t, 'C', 'R2', 7777);
  });
  afterEach(() => t.close());

  const check = async () => {
    const { expected, got } = await snapshot(t);
    for (const k of ROLLUPS) expect(got[k], k).toEqual(expected[k]);
    expect(expected.hours.size + expected.counts.size).toBeGreaterThan(0);
  };

  it('follow inserts, status and time changes, item edits and deletes', async () => {
    await addOrder(t, { id: 'x1', factoryId: 'R1', email: 'a@x', status: 'paid', at: sh(2024, 3, 1, 10, 5), items: [['A', 2, 1000]] });
    // two lines of one product: one distinct order
    await addOrder(t, {
      id: 'x2',
      factoryId: 'R1',
      email: 'b@x',
      status: 'delivered',
      at: sh(2024, 3, 1, 10, 59, 59, 999),
      items: [
        ['A', 1, 1000],
        ['A', 3, 900],
        ['B', 1, 250],
      ],
      shipping: 1000,
    });
    await addOrder(t, { id: 'x3', factoryId: 'R1', email: 'c@x', status: 'pending', at: sh(2024, 3, 1, 11), items: [['B', 4, 250]] });
    await addOrder(t, { id: 'x4', factoryId: 'R2', email: 'a@x', status: 'shipped', at: sh(2024, 3, 1, 10, 30), items: [['C', 1, 7777]] });
    await check();
    const { expected } = await snapshot(t);
    expect(expected.hours.get(`R1|${sh(2024, 3, 1, 10)}`)).toEqual([2, 2000 + 1000 + 2700 + 250 + 1000]);
    expect(expected.days.get(`R1|${Date.UTC(2024, 2, 1)}|A`)).toEqual([6, 5700, 2]);
    expect(expected.productHours.get(`R1|${sh(2024, 3, 1, 10)}|A`)).toEqual([6, 5700, 2]);
    expect(expected.productHours.get(`R1|${sh(2024, 3, 1, 11)}|B`)).toBeUndefined(); // pending

    const db = t.deps.db;
    // becoming counted, then cancelled; moving in time and to another merchant
    await db.updateTable('commerce_orders').set({ status: 'paid' }).where('id', '=', 'x3').execute();
    await check();
    await db.updateTable('commerce_orders').set({ status: 'cancelled' }).where('id', '=', 'x1').execute();
    await check();
    await db
      .updateTable('commerce_orders')
      .set({ created_at: sh(2024, 3, 2, 23, 45) })
      .where('id', '=', 'x2')
      .execute();
    await check();
    await db.updateTable('commerce_orders').set({ factory_id: 'R2', total_cents: 123 }).where('id', '=', 'x3').execute();
    await check();
    await db.updateTable('commerce_orders').set({ customer_email: 'e@x' }).where('id', '=', 'x2').execute();
    await check();
    // only the total changes: the customers' spend follows (migration 092)
    await db.updateTable('commerce_orders').set({ total_cents: 4321 }).where('id', '=', 'x4').execute();
    await check();
    // an unrelated update changes nothing
    await db
      .updateTable('commerce_orders')
      .set({ updated_at: sh(2024, 4, 1) })
      .execute();
    await check();
    // item edits: quantity, product, a line removed (the other line of A stays), a line added
    const lines = await db.selectFrom('commerce_order_items').selectAll().where('order_id', '=', 'x2').orderBy('id').execute();
    await db.updateTable('commerce_order_items').set({ quantity: 5, total_cents: 5000 }).where('id', '=', lines[0]!.id).execute();
    await check();
    await db.updateTable('commerce_order_items').set({ product_id: 'B' }).where('id', '=', lines[1]!.id).execute();
    await check();
    await db.deleteFrom('commerce_order_items').where('id', '=', lines[2]!.id).execute();
    await check();
    await db
      .insertInto('commerce_order_items')
      .values({ order_id: 'x4', product_id: 'C', product_name: 'C', quantity: 2, unit_price_cents: 7777, total_cents: 15554 })
      .execute();
    await check();
    // several lines in one statement (as the generator writes them), a product twice
    await addOrder(t, { id: 'x5', factoryId: 'R1', email: 'd@x', status: 'paid', at: sh(2024, 3, 3, 8) });
    await db
      .insertInto('commerce_order_items')
      .values(
        (['A', 'A', 'B'] as const).map((p, i) => ({
          order_id: 'x5',
          product_id: p,
          product_name: p,
          quantity: i + 1,
          unit_price_cents: 100,
          total_cents: (i + 1) * 100,
        })),
      )
      .execute();
    await check();
    expect((await snapshot(t)).got.days.get(`R1|${Date.UTC(2024, 2, 3)}|A`)).toEqual([3, 300, 1]);
    await db.updateTable('commerce_order_items').set({ quantity: 7 }).where('order_id', '=', 'x5').execute();
    await check();
    // deletes: items first, then the order
    await db.deleteFrom('commerce_order_items').where('order_id', '=', 'x4').execute();
    await db.deleteFrom('commerce_orders').where('id', '=', 'x4').execute();
    await check();
    const left = await db.selectFrom('bi_platform_sales_hours').select(sql<number>`sum(orders)`.as('n')).executeTakeFirst();
    expect(n(left?.n)).toBe(3);
  });

  it('follow a repeat customer: hours between others, in one hour, cancelled, moved, several in one statement', async () => {
    const db = t.deps.db;
    const order = (id: string, factoryId: string, h: number, status: 'paid' | 'pending' = 'paid') =>
      addOrder(t, { id, factoryId, email: 'r@x', status, at: sh(2024, 5, 1) + h * 3_600_000 + 60_000, subtotal: 100 });
    await order('r1', 'R1', 1);
    await order('r2', 'R1', 30);
    await check();
    // between two hours: the later one's gap shrinks; then a second order in an hour already held
    await order('r3', 'R1', 5);
    await order('r4', 'R2', 5);
    await check();
    const { got } = await snapshot(t);
    expect(got.gaps.get(`R1|${sh(2024, 5, 1) + 30 * 3_600_000}|25`)).toEqual([1]);
    expect(got.gaps.get(`R1|${sh(2024, 5, 1) + 5 * 3_600_000}|4`)).toEqual([1]);
    expect(got.gaps.get(`|${sh(2024, 5, 1) + 5 * 3_600_000}|4`)).toEqual([1]);
    await db.updateTable('commerce_orders').set({ status: 'cancelled' }).where('id', '=', 'r3').execute();
    await check();
    await db.updateTable('commerce_orders').set({ status: 'cancelled' }).where('id', '=', 'r4').execute();
    await check();
    await db
      .updateTable('commerce_orders')
      .set({ created_at: sh(2024, 5, 1) + 29 * 3_600_000 })
      .where('id', '=', 'r1')
      .execute();
    await check();
    // one statement changing several orders of the customer (Postgres: one statement trigger)
    await db.updateTable('commerce_orders').set({ status: 'paid' }).where('customer_email', '=', 'r@x').execute();
    await check();
    await db.deleteFrom('commerce_orders').where('id', 'in', ['r2', 'r4']).execute();
    await check();
  });
});
