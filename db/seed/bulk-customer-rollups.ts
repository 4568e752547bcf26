import { hourDelta, LAST_HOUR_SCOPES, lastHourDelta } from '../migrations/2026-12-12-091-customer-last-hours.ts';
import { GAP_SCOPES, gapDelta } from '../migrations/bi-customer-gaps.ts';
import { FIRST_HOUR_SCOPES, PREV_HOUR_SCOPES, prevHourDelta } from '../migrations/bi-customer-spend.ts';
import { COUNTED } from '../migrations/bi-rollup-triggers.ts';

/**
 * Statements adding a bulk load's orders to the per-customer rollups (db/seed/bulk-rollups.ts):
 * the customer-gap, last-, second-to-last- and first-order-hour histograms (migrations 090, 091,
 * 092: the hours of the customers it touched, with its orders minus without them) and the
 * customers' spend (092). `fresh` is a `from … where …` clause selecting the load's orders;
 * `before` a condition on `commerce_orders` naming the orders there before the load, null when
 * there were none.
 */
export function customerStatements(fresh: string, before: string | null, pg: boolean): string[] {
  const changes = (keys: readonly string[]) => {
    const k = keys.join(', ');
    const all = `select ${k}, created_at, status from commerce_orders`;
    if (before === null) return { after: all, before: `${all} where false` };
    const mine = `${all} where (${k}) in (select ${k} ${fresh})`;
    return { after: mine, before: `${mine} and ${before}` };
  };
  return [
    ...GAP_SCOPES.map(({ table, keys }) => {
      const c = changes(keys);
      return gapDelta(table, keys, c.after, c.before, pg);
    }),
    // migration 091: the hour of each customer's last order
    ...LAST_HOUR_SCOPES.map(({ table, keys }) => {
      const c = changes(keys);
      return lastHourDelta(table, keys, c.after, c.before);
    }),
    // migration 092: the hour of each customer's second-to-last order
    ...PREV_HOUR_SCOPES.map(({ table, keys }) => {
      const c = changes(keys);
      return prevHourDelta(table, keys, c.after, c.before);
    }),
    // migration 092: the hour of each customer's first order
    ...FIRST_HOUR_SCOPES.map(({ table, keys }) => {
      const c = changes(keys);
      return hourDelta('min', table, keys, c.after, c.before);
    }),
    ...spendStatements(fresh, before !== null),
  ];
}

/**
 * Migration 092's spend of the customers a load touched (`fresh` as in `gapStatements`; `some`
 * when orders were there before): per merchant grouped from the orders (the customer index
 * holds every column), platform-wide summed over the merchants' rows of those customers.
 */
function spendStatements(fresh: string, some: boolean): string[] {
  const touched = (k: string) => (some ? `(${k}) in (select ${k} ${fresh})` : 'true');
  const set = 'do update set orders = excluded.orders, cents = excluded.cents';
  return [
    `insert into bi_customer_spend (factory_id, customer_email, orders, cents)
       select factory_id, customer_email, count(*), sum(total_cents) from commerce_orders
        where status in ${COUNTED} and ${touched('factory_id, customer_email')} group by 1, 2
       on conflict (factory_id, customer_email) ${set}`,
    `insert into bi_platform_customer_spend (customer_email, orders, cents)
       select customer_email, sum(orders), sum(cents) from bi_customer_spend
        where ${touched('customer_email')} group by 1
       on conflict (customer_email) ${set}`,
  ];
}
