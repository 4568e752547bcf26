import { describe, expect, it } from 'vitest';
import { boundMiniUser, FACTORY_A, makeBatch, miniLogin, seedCompanies, v1Operators } from '../factories.ts';
import { eachTestApp } from '../helpers/app.ts';
import { callerFor, outcome } from '../helpers/caller.ts';
import { DIALECTS } from '../helpers/db.ts';

/** The `orders` router (ERP orders for the mini-program, v1 trace batches) through `createCaller`. */
describe.each(DIALECTS)('orders procedures through createCaller (%s)', (dialect) => {
  const w = eachTestApp(dialect, async (t) => {
    await seedCompanies(t, 3);
    return {};
  });

  it('searches the bound company’s orders only; another company’s order is not found', async () => {
    const caller = callerFor(w.t, (await boundMiniUser(w.t, 'caller-orders')).token);
    const page = await caller.orders.search({});
    expect(page.total).toBe(3);
    expect(page.orders.map((o) => o.order_id).every((id) => id.startsWith('COMPA-'))).toBe(true);
    expect(await caller.orders.detail({ order_id: page.orders[0]!.order_id })).toMatchObject({ order_id: page.orders[0]!.order_id });
    expect(await outcome(caller.orders.detail({ order_id: 'COMPB-ORD00001' }))).toBe('NOT_FOUND/NOT_FOUND');
  });

  it('refuses a user bound to no company', async () => {
    const unbound = await miniLogin(w.t, 'caller-unbound');
    expect(await outcome(callerFor(w.t, unbound.token).orders.search({}))).toBe('PRECONDITION_FAILED/COMPANY_NOT_BOUND');
  });

  it('creates and reads v1 trace batches within the caller’s factory', async () => {
    const u = await v1Operators(w.t);
    const created = await callerFor(w.t, u.a.token).orders.traces.create({
      name: 'Batch 1',
      productId: 'apple-01',
      quantity: 10,
      unitWeight: 0.5,
      harvestDate: '2024-05-01T00:00:00Z',
      farmId: 'farm-1',
    });
    expect(await callerFor(w.t, u.a.token).orders.traces.get({ id: created.id })).toMatchObject({ id: created.id, name: 'Batch 1' });
    const other = await makeBatch(w.t, FACTORY_A, { name: 'A only' });
    expect(await outcome(callerFor(w.t, u.b.token).orders.traces.get({ id: other.id }))).toMatch(/^NOT_FOUND\//);
    expect(await outcome(callerFor(w.t, u.viewerA.token).orders.traces.delete({ id: other.id }))).toMatch(/^FORBIDDEN\//);
  });
});
