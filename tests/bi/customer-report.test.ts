import { beforeEach, describe, expect, it } from 'vitest';
import { customerReport } from '../../src/services/analytics/customers.ts';
import { toMajor } from '../../src/services/analytics/money.ts';
import { lastDays, localDate } from '../../src/services/analytics/periods.ts';
import { customerCounts, topSpenders } from '../../src/services/analytics/top-customers.ts';
import { eachTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { addMerchants, addOrder, draws } from './commerce-fixtures.ts';

/**
 * The customer report (spec 004 bi §3) from migration 092's rollups (whole-hour zones: repeat
 * customers from the hours of second-to-last orders, the top list by the walk over customers
 * ranked by all-time spend) and from grouping the orders (a half-hour zone, an order dated past
 * the period) equals the same report computed in JavaScript from the orders: random customers,
 * merchants, statuses and totals drawn from few values (ties in spend, broken by email).
 */
const HOUR = 3_600_000;
const DAY = 86_400_000;
const STATUSES = ['paid', 'shipped', 'delivered', 'pending', 'cancelled'] as const;
const COUNTED = ['paid', 'shipped', 'delivered'];
type Order = { at: number; email: string; factoryId: string; status: string; cents: number };

async function randomOrders(t: TestApp, now: number, count: number, seed: number): Promise<Order[]> {
  const next = draws(seed);
  const orders: Order[] = [];
  for (let i = 0; i < count; i++) {
    const o = {
      at: now - next(24 * 10) * HOUR - next(HOUR),
      email: `c${next(14)}@x`,
      factoryId: next(3) ? 'M1' : 'M2',
      status: STATUSES[next(STATUSES.length)]!,
      cents: 100 * (1 + next(6)),
    };
    orders.push(o);
    await addOrder(t, { id: `r${seed}-${i}`, ...o, status: o.status as 'paid', subtotal: o.cents });
  }
  return orders;
}

/** The report computed from the orders themselves. */
function expected(orders: Order[], scope: string | null, zone: string, days: number, now: number) {
  const { bounds } = lastDays(days, zone, now);
  const [start, end] = [bounds[0]!, bounds[bounds.length - 1]!];
  const mine = orders.filter((o) => COUNTED.includes(o.status) && (scope === null || o.factoryId === scope));
  const period = new Map<string, { orders: number; cents: number }>();
  for (const o of mine.filter((o) => o.at >= start && o.at < end)) {
    const c = period.get(o.email) ?? { orders: 0, cents: 0 };
    period.set(o.email, { orders: c.orders + 1, cents: c.cents + o.cents });
  }
  const firstEver = (email: string) => Math.min(...mine.filter((o) => o.email === email).map((o) => o.at));
  const before = (email: string) => mine.filter((o) => o.email === email && o.at < end).map((o) => o.at);
  const top = [...period]
    .sort(([a, x], [b, y]) => y.cents - x.cents || (a < b ? -1 : 1))
    .slice(0, 10)
    .map(([email, c]) => ({
      customer_email: email,
      order_count: c.orders,
      total_spent: toMajor(c.cents),
      first_order_date: localDate(Math.min(...before(email)), zone),
      last_order_date: localDate(Math.max(...before(email)), zone),
    }));
  const total = period.size;
  const repeat = [...period.values()].filter((c) => c.orders >= 2).length;
  const news = new Set(mine.map((o) => o.email).filter((e) => firstEver(e) >= start && firstEver(e) < end)).size;
  const rate = total ? Math.round((repeat / total) * 10_000) / 10_000 : 0;
  return { total_customers: total, new_customers: news, repeat_customers: repeat, repeat_rate: rate, top_customers: top };
}

describe.each(DIALECTS)('customer report on %s', (dialect) => {
  const w = eachTestApp(dialect);
  beforeEach(() => addMerchants(w.t, ['M1', 'M2']));
  const now = Date.UTC(2024, 5, 10, 3, 20);

  it.each([
    { zone: 'Asia/Shanghai', seed: 5 },
    { zone: 'Asia/Kolkata', seed: 6 },
  ])('equals a report from the orders in $zone (seed $seed)', async ({ zone, seed }) => {
    const orders = await randomOrders(w.t, now, 160, seed);
    const settings = { timeZone: zone, feeBasisPoints: 500 };
    for (const days of [1, 3, 7, 30]) {
      for (const scope of ['M1', 'M2', null]) {
        const got = await customerReport(w.t.deps.db, scope, days, settings, now);
        const want = expected(orders, scope, zone, days, now);
        expect(got, `${days} days, ${scope}`).toEqual(want);
        // the walk alone, whatever budget the report gives it, one customer first (then 2, 4, …)
        const { bounds } = lastDays(days, zone, now);
        // (the short-period walk, and the all-time one)
        for (const [limit, fewFrequent] of [
          [3, 2000],
          [10, 2000],
          [3, -1],
          [10, -1],
        ] as const) {
          const walked = await topSpenders(w.t.deps.db, scope, bounds[0]!, bounds[bounds.length - 1]!, limit, 1e6, {
            firstPage: 1,
            fewFrequent,
          });
          expect(
            walked?.map((r) => [r.customer_email, r.orders, toMajor(r.cents)]),
            `${limit}, ${fewFrequent}`,
          ).toEqual(want.top_customers.slice(0, limit).map((r) => [r.customer_email, r.order_count, r.total_spent]));
        }
      }
    }
    // an order dated past the period: the counts come from the orders, still exact
    const late = { at: now + 40 * DAY, email: 'c1@x', factoryId: 'M1', status: 'paid', cents: 700 };
    await addOrder(w.t, { id: `late${seed}`, ...late, status: 'paid', subtotal: late.cents });
    for (const scope of ['M1', null]) {
      const got = await customerReport(w.t.deps.db, scope, 3, settings, now);
      expect(got, `late, ${scope}`).toEqual(expected([...orders, late], scope, zone, 3, now));
    }
  });

  it('walks on past customers whose all-time spend ties the threshold', async () => {
    // ranked by all-time spend and by the last two orders alike: b (700), a (500), a1 (300, none of
    // it in the period), a2 (300)
    const orders: Order[] = [
      { email: 'b@x', at: now - HOUR, cents: 300 },
      { email: 'b@x', at: now - 10 * DAY, cents: 400 },
      { email: 'a@x', at: now - HOUR, cents: 500 },
      { email: 'a1@x', at: now - 10 * DAY, cents: 300 },
      { email: 'a2@x', at: now - HOUR, cents: 300 },
    ].map((o) => ({ ...o, factoryId: 'M1', status: 'paid' }));
    for (const [i, o] of orders.entries()) await addOrder(w.t, { id: `tie${i}`, ...o, status: 'paid', subtotal: o.cents });
    const { bounds } = lastDays(3, 'Asia/Shanghai', now);
    // after b, a and a1 the second best (b, 300) equals the last all-time spend read: a2 may still tie it, and wins on email
    for (const fewFrequent of [2000, -1]) {
      const walked = await topSpenders(w.t.deps.db, 'M1', bounds[0]!, bounds[bounds.length - 1]!, 2, 100, { firstPage: 1, fewFrequent });
      expect(walked?.map((r) => r.customer_email)).toEqual(['a@x', 'a2@x']);
    }
  });

  it('takes the counts from the rollups in whole-hour zones and walks the ranking to the top list', async () => {
    const orders = await randomOrders(w.t, now, 120, 7);
    const { bounds } = lastDays(3, 'Asia/Shanghai', now);
    const [start, end] = [bounds[0]!, bounds[bounds.length - 1]!];
    const want = expected(orders, 'M1', 'Asia/Shanghai', 3, now);
    expect(await customerCounts(w.t.deps.db, 'M1', start, end)).toEqual({ total: want.total_customers, repeat: want.repeat_customers });
    const walked = await topSpenders(w.t.deps.db, 'M1', start, end, 10, 1000);
    expect(walked?.map((r) => [r.customer_email, r.orders, toMajor(r.cents)])).toEqual(
      want.top_customers.map((r) => [r.customer_email, r.order_count, r.total_spent]),
    );
    // out of budget before the threshold is met: the caller groups the orders instead
    expect(await topSpenders(w.t.deps.db, null, start, end, 10, 3)).toBeNull();
    // half-hour zones: day bounds are not whole UTC hours
    const kolkata = lastDays(3, 'Asia/Kolkata', now).bounds;
    expect(await customerCounts(w.t.deps.db, 'M1', kolkata[0]!, kolkata[kolkata.length - 1]!)).toBeNull();
  });
});
