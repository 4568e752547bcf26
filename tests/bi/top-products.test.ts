import { beforeEach, describe, expect, it } from 'vitest';
import { toMajor } from '../../src/services/analytics/money.ts';
import { lastDays, splitUtcBuckets } from '../../src/services/analytics/periods.ts';
import { topProducts } from '../../src/services/analytics/top-products.ts';
import { eachTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { addMerchants, addOrder, addProduct, draws } from './commerce-fixtures.ts';

/**
 * Top products (spec 004 bi §2) from the daily rollup (whole UTC days), the hourly one of
 * migration 093 (whole UTC hours of the partial days) and the orders (what remains) equal the
 * same ranking computed in JavaScript from the orders: random orders and lines in zones with
 * whole-hour, half-hour and 45-minute offsets, the period ending inside an hour.
 */
const HOUR = 3_600_000;
const STATUSES = ['paid', 'shipped', 'delivered', 'pending', 'cancelled'] as const;
const COUNTED = ['paid', 'shipped', 'delivered'];
const PRODUCTS: Record<string, string[]> = { M1: ['P1', 'P2', 'P3', 'P4'], M2: ['Q1', 'Q2'] };
type Line = [productId: string, qty: number, unitCents: number];
type Order = { id: string; at: number; factoryId: string; status: string; lines: Line[] };

async function randomOrders(t: TestApp, now: number, count: number, seed: number): Promise<Order[]> {
  const next = draws(seed);
  const orders: Order[] = [];
  for (let i = 0; i < count; i++) {
    const factoryId = next(3) ? 'M1' : 'M2';
    const mine = PRODUCTS[factoryId]!;
    // one to three lines, a product possibly twice in one order
    const lines = Array.from({ length: 1 + next(3) }, (): Line => [mine[next(mine.length)]!, 1 + next(3), 100 * (1 + next(4))]);
    const o = { id: `p${seed}-${i}`, at: now - next(24 * 5) * HOUR - next(HOUR), factoryId, status: STATUSES[next(5)]!, lines };
    orders.push(o);
    await addOrder(t, { id: o.id, factoryId, email: `c${i}@x`, status: o.status as 'paid', at: o.at, items: lines });
  }
  return orders;
}

/** The ranking computed from the orders themselves. */
function expected(orders: Order[], scope: string | null, zone: string, days: number, now: number, limit: number) {
  const { bounds } = lastDays(days, zone, now);
  const [start, end] = [bounds[0]!, bounds[bounds.length - 1]!];
  const sold = new Map<string, { qty: number; cents: number; orders: Set<string> }>();
  for (const o of orders) {
    if (!COUNTED.includes(o.status) || (scope !== null && o.factoryId !== scope) || o.at < start || o.at >= end) continue;
    for (const [p, q, u] of o.lines) {
      const s = sold.get(p) ?? { qty: 0, cents: 0, orders: new Set() };
      sold.set(p, { qty: s.qty + q, cents: s.cents + q * u, orders: s.orders.add(o.id) });
    }
  }
  return [...sold]
    .sort(([a, x], [b, y]) => y.cents - x.cents || y.qty - x.qty || (a < b ? -1 : 1))
    .slice(0, limit)
    .map(([id, s]) => ({
      product_id: id,
      product_name: `Product ${id}`,
      quantity_sold: s.qty,
      revenue: toMajor(s.cents),
      order_count: s.orders.size,
    }));
}

describe('splitUtcBuckets', () => {
  it('covers a span once: whole UTC days, whole hours beside them, pieces under an hour', () => {
    const start = Date.UTC(2024, 5, 1, 18, 30); // Kolkata midnight
    const end = Date.UTC(2024, 5, 4, 3, 20);
    expect(splitUtcBuckets(start, end)).toEqual({
      days: [Date.UTC(2024, 5, 2), Date.UTC(2024, 5, 4)],
      hours: [
        [Date.UTC(2024, 5, 1, 19), Date.UTC(2024, 5, 2)],
        [Date.UTC(2024, 5, 4), Date.UTC(2024, 5, 4, 3)],
      ],
      edges: [
        [start, Date.UTC(2024, 5, 1, 19)],
        [Date.UTC(2024, 5, 4, 3), end],
      ],
    });
    // within one day, within one hour, empty
    const inDay = splitUtcBuckets(Date.UTC(2024, 5, 1, 1, 10), Date.UTC(2024, 5, 1, 4));
    expect(inDay).toEqual({
      days: [Date.UTC(2024, 5, 2), Date.UTC(2024, 5, 2)],
      hours: [[Date.UTC(2024, 5, 1, 2), Date.UTC(2024, 5, 1, 4)]],
      edges: [[Date.UTC(2024, 5, 1, 1, 10), Date.UTC(2024, 5, 1, 2)]],
    });
    expect(splitUtcBuckets(end - 60_000, end).edges).toEqual([[end - 60_000, end]]);
    expect(splitUtcBuckets(end, end)).toMatchObject({ hours: [], edges: [] });
  });
});

describe.each(DIALECTS)('top products on %s', (dialect) => {
  const w = eachTestApp(dialect);
  beforeEach(async () => {
    await addMerchants(w.t, ['M1', 'M2']);
    for (const [m, ids] of Object.entries(PRODUCTS)) for (const id of ids) await addProduct(w.t, id, m, 100);
  });
  const now = Date.UTC(2024, 5, 10, 3, 20);

  it.each([
    { zone: 'Asia/Shanghai', seed: 3 },
    { zone: 'Asia/Kolkata', seed: 4 },
    { zone: 'Asia/Kathmandu', seed: 5 },
  ])('equal a ranking from the orders in $zone (seed $seed)', async ({ zone, seed }) => {
    const orders = await randomOrders(w.t, now, 150, seed);
    const settings = { timeZone: zone, feeBasisPoints: 500 };
    for (const days of [1, 2, 4]) {
      for (const scope of ['M1', 'M2', null]) {
        for (const limit of [10, 2]) {
          const got = await topProducts(w.t.deps.db, scope, days, limit, settings, now);
          expect(got, `${days} days, ${scope}, ${limit}`).toEqual(expected(orders, scope, zone, days, now, limit));
        }
      }
    }
    // after a cancellation and a move across the period's start, still exact
    const [moved, cancelled] = orders.filter((o) => COUNTED.includes(o.status) && o.at > now - 10 * HOUR) as [Order, Order];
    await w.t.deps.db.updateTable('commerce_orders').set({ status: 'cancelled' }).where('id', '=', cancelled.id).execute();
    cancelled.status = 'cancelled';
    await w.t.deps.db
      .updateTable('commerce_orders')
      .set({ created_at: now - 30 * HOUR - 600_000 })
      .where('id', '=', moved.id)
      .execute();
    moved.at = now - 30 * HOUR - 600_000;
    for (const scope of ['M1', null]) {
      expect(await topProducts(w.t.deps.db, scope, 2, 10, settings, now)).toEqual(expected(orders, scope, zone, 2, now, 10));
    }
  });
});
