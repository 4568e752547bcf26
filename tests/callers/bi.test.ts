import { describe, expect, it } from 'vitest';
import { addOrder } from '../bi/commerce-fixtures.ts';
import { biCast } from '../factories.ts';
import { eachTestApp } from '../helpers/app.ts';
import { callerFor, outcome } from '../helpers/caller.ts';
import { DIALECTS } from '../helpers/db.ts';

/** The `bi` router through `createCaller`. */
describe.each(DIALECTS)('bi procedures through createCaller (%s)', (dialect) => {
  const w = eachTestApp(dialect, async (t) => {
    const who = await biCast(t);
    const at = Date.now() - 3_600_000;
    await addOrder(t, { id: 'o1', factoryId: 'M1', email: 'a@x', status: 'paid', at, subtotal: 12_000 });
    await addOrder(t, { id: 'o2', factoryId: 'M2', email: 'b@x', status: 'paid', at, subtotal: 99_900 });
    return { who };
  });

  it('reports a merchant’s own sales, and the platform any merchant’s', async () => {
    const own = await callerFor(w.t, w.who.m1.token).bi.sales({ days: 7 });
    expect(own.data.order_count).toBe(1);
    expect(own.data.total_revenue).toBe(120);
    const m2 = await callerFor(w.t, w.who.admin.token).bi.sales({ days: 7, merchant_id: 'M2' });
    expect(m2.data.total_revenue).toBe(999);
  });

  it('refuses another merchant’s data, WeChat users and merchants on the platform report', async () => {
    expect(await outcome(callerFor(w.t, w.who.m1.token).bi.sales({ days: 7, merchant_id: 'M2' }))).toBe('NOT_FOUND/NOT_FOUND');
    expect(await outcome(callerFor(w.t, w.who.customer.token).bi.sales({ days: 7 }))).toMatch(/^FORBIDDEN\//);
    expect(await outcome(callerFor(w.t, w.who.m1.token).bi.platformOverview({}))).toMatch(/^FORBIDDEN/);
  });
});
