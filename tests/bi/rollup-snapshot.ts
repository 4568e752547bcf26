import type { TestApp } from '../helpers/app.ts';

const COUNTED = ['paid', 'shipped', 'delivered'] as const;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const n = (v: unknown) => Number(v);
/** A spend row (migrations 092, 094) as numbers, absent instants and totals as −1. */
const spendRow = (r: {
  orders: unknown;
  cents: unknown;
  last_at: unknown;
  last_cents: unknown;
  prev_at: unknown;
  prev_cents: unknown;
  third_at: unknown;
  third_cents: unknown;
  fourth_at: unknown;
  recent_cents: unknown;
}) =>
  [r.orders, r.cents, r.last_at, r.last_cents, r.prev_at, r.prev_cents, r.third_at, r.third_cents, r.fourth_at, r.recent_cents].map((v) =>
    v === null ? -1 : n(v),
  );

/** Every rollup `snapshot` compares, by name. */
export const ROLLUPS = [
  'hours',
  'platform',
  'days',
  'productHours',
  'counts',
  'firsts',
  'platformFirsts',
  'gaps',
  'lastHours',
  'spend',
  'prevHours',
  'firstHours',
] as const;

/** The BI rollups as stored (`got`, zero rows left out) and as recomputed from the orders and items (`expected`). */
export async function snapshot(t: TestApp) {
  const db = t.deps.db;
  const orders = await db.selectFrom('commerce_orders').selectAll().execute();
  const items = await db.selectFrom('commerce_order_items').selectAll().execute();
  const byId = new Map(orders.map((o) => [o.id, o]));
  const add = (m: Map<string, number[]>, key: string, values: number[]) => {
    const cur = m.get(key) ?? values.map(() => 0);
    m.set(
      key,
      cur.map((c, i) => c + values[i]!),
    );
  };
  const hours = new Map<string, number[]>();
  const platform = new Map<string, number[]>();
  const counts = new Map<string, number[]>();
  for (const o of orders) {
    add(counts, `${o.factory_id}|${o.status}`, [1]);
    if (!COUNTED.includes(o.status as never)) continue;
    const at = n(o.created_at);
    add(hours, `${o.factory_id}|${at - (at % HOUR)}`, [1, n(o.total_cents)]);
    add(platform, `${at - (at % HOUR)}`, [1, n(o.total_cents)]);
  }
  const days = new Map<string, number[]>();
  const productHours = new Map<string, number[]>();
  const seen = new Set<string>();
  for (const i of items) {
    const o = byId.get(i.order_id)!;
    if (!COUNTED.includes(o.status as never)) continue;
    const at = n(o.created_at);
    const first = !seen.has(`${o.id}|${i.product_id}`);
    seen.add(`${o.id}|${i.product_id}`);
    add(days, `${o.factory_id}|${at - (at % DAY)}|${i.product_id}`, [n(i.quantity), n(i.total_cents), first ? 1 : 0]);
    add(productHours, `${o.factory_id}|${at - (at % HOUR)}|${i.product_id}`, [n(i.quantity), n(i.total_cents), first ? 1 : 0]);
  }
  const firsts = new Map<string, number[]>();
  const platformFirsts = new Map<string, number[]>();
  const span = (m: Map<string, number[]>, k: string, at: number) => {
    const [first, last] = m.get(k) ?? [at, at];
    m.set(k, [Math.min(first!, at), Math.max(last!, at)]);
  };
  const customerHours = new Map<string, Set<number>>();
  for (const o of orders) {
    if (!COUNTED.includes(o.status as never)) continue;
    const at = n(o.created_at);
    span(firsts, `${o.factory_id}|${o.customer_email}`, at);
    span(platformFirsts, o.customer_email, at);
    for (const k of [`${o.factory_id}|${o.customer_email}`, `|${o.customer_email}`]) {
      customerHours.set(k, (customerHours.get(k) ?? new Set()).add(at - (at % HOUR)));
    }
  }
  // migration 090: customers per (scope, hour, whole hours since their previous hour, capped at 25)
  const gaps = new Map<string, number[]>();
  for (const [k, set] of customerHours) {
    const scope = k.slice(0, k.indexOf('|'));
    const sorted = [...set].sort((a, b) => a - b);
    sorted.forEach((h, i) => {
      add(gaps, `${scope}|${h}|${i ? Math.min((h - sorted[i - 1]!) / HOUR, 25) : 25}`, [1]);
    });
  }
  // migration 091: customers per (scope, hour of their last counted order)
  const lastHours = new Map<string, number[]>();
  for (const [k, [, last]] of firsts) add(lastHours, `${k.slice(0, k.indexOf('|'))}|${last! - (last! % HOUR)}`, [1]);
  for (const [, [, last]] of platformFirsts) add(lastHours, `|${last! - (last! % HOUR)}`, [1]);
  // migrations 092, 094: each customer's counted orders, spend, last four orders (latest first:
  // created_at, then status, then total descending) and customers per hour of the second-to-last
  const spend = new Map<string, number[]>();
  const counted = new Map<string, { at: number; status: string; cents: number }[]>();
  for (const o of orders) {
    if (!COUNTED.includes(o.status as never)) continue;
    for (const k of [`${o.factory_id}|${o.customer_email}`, `|${o.customer_email}`]) {
      counted.set(k, [...(counted.get(k) ?? []), { at: n(o.created_at), status: o.status, cents: n(o.total_cents) }]);
    }
  }
  const prevHours = new Map<string, number[]>();
  for (const [k, list] of counted) {
    const latest = list.sort((a, b) => b.at - a.at || (a.status < b.status ? 1 : a.status > b.status ? -1 : 0) || b.cents - a.cents);
    const [l, p, t, f] = latest;
    const cents = list.reduce((a, o) => a + o.cents, 0);
    const recent = l!.cents + (p?.cents ?? 0);
    spend.set(k, [list.length, cents, l!.at, l!.cents, p?.at ?? -1, p?.cents ?? -1, t?.at ?? -1, t?.cents ?? -1, f?.at ?? -1, recent]);
    if (p) add(prevHours, `${k.slice(0, k.indexOf('|'))}|${p.at - (p.at % HOUR)}`, [1]);
  }
  const firstHours = new Map<string, number[]>();
  for (const [k, [first]] of firsts) add(firstHours, `${k.slice(0, k.indexOf('|'))}|${first! - (first! % HOUR)}`, [1]);
  for (const [, [first]] of platformFirsts) add(firstHours, `|${first! - (first! % HOUR)}`, [1]);
  const expected = { hours, platform, days, productHours, counts, firsts, platformFirsts, gaps, lastHours, spend, prevHours, firstHours };
  const nonZero = (m: Map<string, number[]>) => new Map([...m].filter(([, v]) => v.some((x) => x !== 0)));
  const got = {
    hours: nonZero(
      new Map(
        (await db.selectFrom('bi_sales_hours').selectAll().execute()).map((r) => [
          `${r.factory_id}|${n(r.hour_at)}`,
          [n(r.orders), n(r.cents)],
        ]),
      ),
    ),
    platform: nonZero(
      new Map(
        (await db.selectFrom('bi_platform_sales_hours').selectAll().execute()).map((r) => [`${n(r.hour_at)}`, [n(r.orders), n(r.cents)]]),
      ),
    ),
    days: nonZero(
      new Map(
        (await db.selectFrom('bi_product_days').selectAll().execute()).map((r) => [
          `${r.factory_id}|${n(r.day_at)}|${r.product_id}`,
          [n(r.quantity), n(r.cents), n(r.orders)],
        ]),
      ),
    ),
    productHours: nonZero(
      new Map(
        (await db.selectFrom('bi_product_hours').selectAll().execute()).map((r) => [
          `${r.factory_id}|${n(r.hour_at)}|${r.product_id}`,
          [n(r.quantity), n(r.cents), n(r.orders)],
        ]),
      ),
    ),
    firsts: new Map(
      (await db.selectFrom('bi_customer_firsts').selectAll().where('first_at', 'is not', null).execute()).map((r) => [
        `${r.factory_id}|${r.customer_email}`,
        [n(r.first_at), n(r.last_at)],
      ]),
    ),
    gaps: nonZero(
      new Map([
        ...(await db.selectFrom('bi_customer_gaps').selectAll().execute()).map(
          (r) => [`${r.factory_id}|${n(r.hour_at)}|${n(r.gap)}`, [n(r.customers)]] as [string, number[]],
        ),
        ...(await db.selectFrom('bi_platform_customer_gaps').selectAll().execute()).map(
          (r) => [`|${n(r.hour_at)}|${n(r.gap)}`, [n(r.customers)]] as [string, number[]],
        ),
      ]),
    ),
    lastHours: nonZero(
      new Map([
        ...(await db.selectFrom('bi_customer_last_hours').selectAll().execute()).map(
          (r) => [`${r.factory_id}|${n(r.hour_at)}`, [n(r.customers)]] as [string, number[]],
        ),
        ...(await db.selectFrom('bi_platform_customer_last_hours').selectAll().execute()).map(
          (r) => [`|${n(r.hour_at)}`, [n(r.customers)]] as [string, number[]],
        ),
      ]),
    ),
    spend: nonZero(
      new Map([
        ...(await db.selectFrom('bi_customer_spend').selectAll().where('orders', '>', 0).execute()).map(
          (r) => [`${r.factory_id}|${r.customer_email}`, spendRow(r)] as [string, number[]],
        ),
        ...(await db.selectFrom('bi_platform_customer_spend').selectAll().where('orders', '>', 0).execute()).map(
          (r) => [`|${r.customer_email}`, spendRow(r)] as [string, number[]],
        ),
      ]),
    ),
    prevHours: nonZero(
      new Map([
        ...(await db.selectFrom('bi_customer_prev_hours').selectAll().execute()).map(
          (r) => [`${r.factory_id}|${n(r.hour_at)}`, [n(r.customers)]] as [string, number[]],
        ),
        ...(await db.selectFrom('bi_platform_customer_prev_hours').selectAll().execute()).map(
          (r) => [`|${n(r.hour_at)}`, [n(r.customers)]] as [string, number[]],
        ),
      ]),
    ),
    firstHours: nonZero(
      new Map([
        ...(await db.selectFrom('bi_customer_first_hours').selectAll().execute()).map(
          (r) => [`${r.factory_id}|${n(r.hour_at)}`, [n(r.customers)]] as [string, number[]],
        ),
        ...(await db.selectFrom('bi_platform_customer_first_hours').selectAll().execute()).map(
          (r) => [`|${n(r.hour_at)}`, [n(r.customers)]] as [string, number[]],
        ),
      ]),
    ),
    platformFirsts: new Map(
      (await db.selectFrom('bi_platform_customer_firsts').selectAll().where('first_at', 'is not', null).execute()).map((r) => [
        r.customer_email,
        [n(r.first_at), n(r.last_at)],
      ]),
    ),
    counts: nonZero(
      new Map((await db.selectFrom('bi_order_counts').selectAll().execute()).map((r) => [`${r.factory_id}|${r.status}`, [n(r.orders)]])),
    ),
  };
  return { expected, got };
}
