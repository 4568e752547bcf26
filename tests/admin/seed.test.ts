import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_BACKOFFICE_ADMIN } from '../../db/seed/admin.ts';
import { seedDemo } from '../../db/seed/demo.ts';
import { hashPassword } from '../../src/services/auth/passwords.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

describe.each(DIALECTS)('admin demo seed on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(() => t.close());

  it('gives the demo factory a usable back office: account, master data and a year of 1#锌 prices', async () => {
    expect(await seedDemo(t.deps.db, hashPassword)).toBe(true);
    const login = await t.call('POST', '/api/login', { body: DEMO_BACKOFFICE_ADMIN });
    expect(login.status).toBe(200);
    const token = login.body.data.token as string;

    const materials = await t.call('GET', '/api/materials', { token });
    expect(materials.body.map((m: { name: string }) => m.name)).toContain('锌精矿');
    const departments = await t.call('GET', '/api/departments', { token });
    expect(departments.body.filter((d: { level: number }) => d.level === 1)).toHaveLength(2);
    expect((await t.call('GET', '/api/customers', { token })).body).toHaveLength(5);
    expect((await t.call('GET', '/api/contracts', { token })).body).toHaveLength(5);
    expect((await t.call('GET', '/api/assay-data', { token })).body).toHaveLength(12);

    const prices = await t.call('GET', '/api/metal-prices?metal_type=1%23锌&per_page=100', { token });
    expect(prices.body).toMatchObject({ total: 365, pages: 4, current_page: 1 });
    const dates = prices.body.prices.map((p: { quote_date: string }) => p.quote_date);
    expect(dates).toEqual([...dates].sort().reverse());
    for (const p of prices.body.prices) expect(p.low_price).toBeLessThan(p.high_price);
  });
});
