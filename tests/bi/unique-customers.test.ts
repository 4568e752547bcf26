import { beforeEach, describe, expect, it } from 'vitest';
import { dropLastHourTriggers } from '../../db/migrations/2026-12-12-091-customer-last-hours.ts';
import { dropGapTriggers } from '../../db/migrations/bi-customer-gaps.ts';
import { lastDays, localDate, offsetShifts } from '../../src/services/analytics/periods.ts';
import { uniqueCustomers } from '../../src/services/analytics/unique-customers.ts';
import { eachTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { addMerchants, addOrder } from './commerce-fixtures.ts';

/**
 * Distinct customers per local day and over a span from migration 090's rollups equal a count of
 * the orders themselves: repeat customers hours apart, across both New York DST shifts, in a
 * whole-hour zone without DST and in a half-hour zone (read from the orders), with an order dated
 * past the span (the total then counted from the orders).
 */
const HOUR = 3_600_000;
const STATUSES = ['paid', 'shipped', 'delivered', 'pending', 'cancelled'] as const;

/** Deterministic pseudo-random orders: 8 customers, 2 merchants, hours around `around`. */
async function randomOrders(t: TestApp, around: number, count: number, seed: number) {
  let x = seed;
  const next = (n: number) => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x % n;
  };
  const orders: { at: number; email: string; factoryId: string; status: string }[] = [];
  for (let i = 0; i < count; i++) {
    const o = {
      at: around + (next(24 * 6) - 24 * 3) * HOUR + next(HOUR),
      email: `c${next(8)}@x`,
      factoryId: next(3) ? 'M1' : 'M2',
      status: STATUSES[next(STATUSES.length)]!,
    };
    orders.push(o);
    await addOrder(t, { id: `u${seed}-${i}`, ...o, status: o.status as 'paid', subtotal: 100 });
  }
  return orders;
}

/** The same figures counted in JavaScript. */
function expected(
  orders: { at: number; email: string; factoryId: string; status: string }[],
  scope: string | null,
  zone: string,
  bounds: number[],
) {
  const dates = bounds.slice(0, -1).map((b) => localDate(b, zone));
  const byDay = new Map<number, Set<string>>();
  const total = new Set<string>();
  for (const o of orders) {
    if (!['paid', 'shipped', 'delivered'].includes(o.status) || (scope !== null && o.factoryId !== scope)) continue;
    if (o.at < bounds[0]! || o.at >= bounds[bounds.length - 1]!) continue;
    const d = dates.indexOf(localDate(o.at, zone));
    byDay.set(d, (byDay.get(d) ?? new Set()).add(o.email));
    total.add(o.email);
  }
  return { byDay: new Map([...byDay].map(([d, s]) => [d, s.size])), total: total.size };
}

const nonZero = (m: Map<number, number>) => new Map([...m].filter(([, n]) => n > 0));

describe.each(DIALECTS)('unique customers on %s', (dialect) => {
  const w = eachTestApp(dialect);
  beforeEach(() => addMerchants(w.t, ['M1', 'M2']));

  const cases = [
    // each New York case has a customer an hour apart on either side of the first local midnight
    // after a shift (days then start an hour off the 24 h steps)
    {
      zone: 'America/New_York',
      around: Date.UTC(2024, 2, 10, 7),
      now: Date.UTC(2024, 2, 13, 16),
      seed: 1,
      edge: Date.UTC(2024, 2, 11, 4, 30),
    },
    {
      zone: 'America/New_York',
      around: Date.UTC(2024, 10, 3, 6),
      now: Date.UTC(2024, 10, 6, 16),
      seed: 2,
      edge: Date.UTC(2024, 10, 4, 4, 30),
    },
    { zone: 'Asia/Shanghai', around: Date.UTC(2024, 5, 1), now: Date.UTC(2024, 5, 4, 3), seed: 3, edge: Date.UTC(2024, 5, 1, 15, 30) },
    { zone: 'Asia/Kolkata', around: Date.UTC(2024, 5, 1), now: Date.UTC(2024, 5, 4, 3), seed: 4, edge: Date.UTC(2024, 5, 1, 18, 0) },
  ];
  it.each(cases)('equal a count of the orders in $zone (seed $seed)', async ({ zone, around, now, seed, edge }) => {
    const orders = await randomOrders(w.t, around, 120, seed);
    for (const at of [edge, edge + HOUR]) {
      const o = { at, email: 'edge@x', factoryId: 'M1', status: 'paid' };
      orders.push(o);
      await addOrder(w.t, { id: `edge${seed}-${at}`, ...o, status: 'paid', subtotal: 100 });
    }
    for (const days of [1, 3, 7]) {
      const { bounds } = lastDays(days, zone, now);
      for (const scope of ['M1', 'M2', null]) {
        const got = await uniqueCustomers(w.t.deps.db, scope, bounds, offsetShifts(bounds, zone));
        const want = expected(orders, scope, zone, bounds);
        expect({ byDay: nonZero(got.byDay), total: got.total }, `${days} days, ${scope}`).toEqual(want);
      }
    }
    // an order past the span: the total is counted from the orders, still exact
    const late = { at: now + 30 * 86_400_000, email: 'c0@x', factoryId: 'M1', status: 'paid' };
    await addOrder(w.t, { id: `late${seed}`, ...late, status: 'paid', subtotal: 100 });
    const { bounds } = lastDays(3, zone, now);
    const got = await uniqueCustomers(w.t.deps.db, null, bounds, offsetShifts(bounds, zone));
    expect(got.total).toBe(expected([...orders, late], null, zone, bounds).total);
  });

  it('reads the rollups, not the orders, in a whole-hour zone', async () => {
    const now = Date.UTC(2024, 2, 13, 16);
    const orders = await randomOrders(w.t, Date.UTC(2024, 2, 10, 7), 60, 9);
    const { bounds } = lastDays(7, 'America/New_York', now);
    const shifts = offsetShifts(bounds, 'America/New_York');
    const before = await uniqueCustomers(w.t.deps.db, 'M1', bounds, shifts);
    expect(before.total).toBeGreaterThan(0);
    // the rollups stay as they were while the orders go
    await dropGapTriggers(w.t.deps.db);
    await dropLastHourTriggers(w.t.deps.db);
    await w.t.deps.db.deleteFrom('commerce_orders').execute();
    const after = await uniqueCustomers(w.t.deps.db, 'M1', bounds, shifts);
    expect(after).toEqual(before);
    expect({ byDay: nonZero(after.byDay), total: after.total }).toEqual(expected(orders, 'M1', 'America/New_York', bounds));
  });
});
