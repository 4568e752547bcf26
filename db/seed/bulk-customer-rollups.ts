import { hourDelta, LAST_HOUR_SCOPES, lastHourDelta } from '../migrations/2026-12-12-091-customer-last-hours.ts';
import { GAP_SCOPES, gapDelta } from '../migrations/bi-customer-gaps.ts';
import { FIRST_HOUR_SCOPES, PREV_HOUR_SCOPES, prevHourDelta, prevHoursFromSpend, spendFills } from '../migrations/bi-customer-spend.ts';

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
    // migration 092: the hour of each customer's first order; the spend rows, then the hour of
    // each customer's second-to-last order, from them when nothing was there before
    ...FIRST_HOUR_SCOPES.map(({ table, keys }) => {
      const c = changes(keys);
      return hourDelta('min', table, keys, c.after, c.before);
    }),
    ...(before === null
      ? [...spendFills(() => 'true'), ...prevHoursFromSpend()]
      : [
          ...PREV_HOUR_SCOPES.map(({ table, keys }) => {
            const c = changes(keys);
            return prevHourDelta(table, keys, c.after, c.before);
          }),
          ...spendFills((k) => `(${k}) in (select ${k} ${fresh})`),
        ]),
  ];
}
