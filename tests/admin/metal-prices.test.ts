import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FACTORY_B, makeFactoryUser, type TestUser } from '../factories.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

const day = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);

describe.each(DIALECTS)('admin metal prices on %s', (dialect) => {
  let t: TestApp;
  let a: TestUser;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    a = await makeFactoryUser(t);
    // 25 days of 1#锌 (2024-01-01 … 2024-01-25) and 3 days of 1#铅, straight into the table
    const now = Date.now();
    const rows = [
      ...Array.from({ length: 25 }, (_, i) => ({ metal_type: '1#锌', quote_date: day(i), average_price_cents: 2_200_000 + i * 100 })),
      ...Array.from({ length: 3 }, (_, i) => ({ metal_type: '1#铅', quote_date: day(i), average_price_cents: 1_600_000 })),
    ].map((r) => ({
      ...r,
      factory_id: 'FACT_A',
      price_change_cents: 0,
      high_price_cents: null,
      low_price_cents: null,
      created_at: now,
      updated_at: now,
    }));
    await t.deps.db.insertInto('metal_prices').values(rows).execute();
  });
  afterEach(() => t.close());

  const list = (query: string) => t.call('GET', `/api/metal-prices${query}`, { token: a.token });

  it('pages newest first with default per_page 10 and an exact last page', async () => {
    const first = await list('?metal_type=1%23锌');
    expect(first.status).toBe(200);
    expect(Object.keys(first.body).sort()).toEqual(['current_page', 'pages', 'prices', 'total']);
    expect(first.body).toMatchObject({ total: 25, pages: 3, current_page: 1 });
    expect(first.body.prices).toHaveLength(10);
    expect(first.body.prices[0]).toMatchObject({ metal_type: '1#锌', quote_date: '2024-01-25', average_price: 22024, high_price: null });

    const last = await list('?metal_type=1%23锌&page=3');
    expect(last.body).toMatchObject({ total: 25, pages: 3, current_page: 3 });
    expect(last.body.prices.map((p: { quote_date: string }) => p.quote_date)).toEqual([
      '2024-01-05',
      '2024-01-04',
      '2024-01-03',
      '2024-01-02',
      '2024-01-01',
    ]);

    const past = await list('?metal_type=1%23锌&page=4');
    expect(past.body).toMatchObject({ prices: [], total: 25, pages: 3, current_page: 4 });
    expect((await list('')).body.total).toBe(28);
  });

  it('filters an inclusive date range; an empty range answers zero pages', async () => {
    const range = await list('?metal_type=1%23锌&start_date=2024-01-10&end_date=2024-01-12');
    expect(range.body.total).toBe(3);
    expect(range.body.prices.map((p: { quote_date: string }) => p.quote_date)).toEqual(['2024-01-12', '2024-01-11', '2024-01-10']);
    const empty = await list('?start_date=2025-01-01&end_date=2025-01-31');
    expect(empty.body).toEqual({ prices: [], total: 0, pages: 0, current_page: 1 });
    const oneDay = await list('?start_date=2024-01-02&end_date=2024-01-02');
    expect(oneDay.body.total).toBe(2);
  });

  it('clamps per_page above the maximum of 100 and refuses bad paging or dates with 400', async () => {
    const big = await list('?per_page=1000');
    expect(big.body).toMatchObject({ total: 28, pages: 1, current_page: 1 });
    expect(big.body.prices).toHaveLength(28);
    const exact = await list('?per_page=7');
    expect(exact.body.pages).toBe(4);
    for (const q of ['?page=0', '?per_page=0', '?page=abc', '?start_date=2024-13-01', '?start_date=2024-01-05&end_date=2024-01-01']) {
      const res = await list(q);
      expect(res.status, q).toBe(400);
      expectErrorEnvelope('admin', res.body);
      expect(res.body.error_code).toBe('VALIDATION_ERROR');
    }
  });

  it('creates quotes in cents exactly, refuses a second quote for the same day, hides them from other factories', async () => {
    const created = await t.call('POST', '/api/metal-prices', {
      token: a.token,
      body: { quote_date: '2024-02-01', high_price: 22500.1, low_price: 22200.2, average_price: 22350.15, price_change: -150.3 },
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      metal_type: '1#锌',
      high_price: 22500.1,
      low_price: 22200.2,
      average_price: 22350.15,
      price_change: -150.3,
    });
    const dup = await t.call('POST', '/api/metal-prices', {
      token: a.token,
      body: { quote_date: '2024-02-01', average_price: 1, price_change: 0 },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error_code).toBe('DUPLICATE_RESOURCE');

    const b = await makeFactoryUser(t, { factoryId: FACTORY_B });
    expect((await t.call('GET', '/api/metal-prices', { token: b.token })).body).toEqual({
      prices: [],
      total: 0,
      pages: 0,
      current_page: 1,
    });
    expect((await t.call('GET', `/api/metal-prices/${created.body.data.id}`, { token: b.token })).status).toBe(404);
    expect((await t.call('DELETE', `/api/metal-prices/${created.body.data.id}`, { token: b.token })).status).toBe(404);
    expect((await t.call('DELETE', `/api/metal-prices/${created.body.data.id}`, { token: a.token })).status).toBe(200);
  });
});
