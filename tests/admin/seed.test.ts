import { describe, expect, it } from 'vitest';
import { DEMO_BACKOFFICE_ADMIN } from '../../db/seed/admin.ts';
import { seedDemo } from '../../db/seed/demo.ts';
import { hashPassword } from '../../src/services/identity/passwords.ts';
import { settleInTransaction } from '../../src/services/smelter/settlements.ts';
import { eachTestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

describe.each(DIALECTS)('admin demo seed on %s', (dialect) => {
  const w = eachTestApp(dialect);

  it('gives the demo factory a usable back office: account, master data and a year of 1#锌 prices', async () => {
    expect(await seedDemo(w.t.deps.db, hashPassword, { settle: settleInTransaction })).toBe(true);
    const login = await w.t.call('POST', '/api/login', { body: DEMO_BACKOFFICE_ADMIN });
    expect(login.status).toBe(200);
    const token = login.body.data.token as string;

    const materials = await w.t.call('GET', '/api/materials', { token });
    expect(materials.body.map((m: { name: string }) => m.name)).toContain('锌精矿');
    const departments = await w.t.call('GET', '/api/departments', { token });
    expect(departments.body.filter((d: { level: number }) => d.level === 1)).toHaveLength(2);
    expect((await w.t.call('GET', '/api/customers', { token })).body).toHaveLength(5);
    expect((await w.t.call('GET', '/api/contracts', { token })).body).toHaveLength(5);
    // 12 lab samples, plus the receipt samples of the smelter demo
    expect((await w.t.call('GET', '/api/assay-data', { token })).body.length).toBeGreaterThan(12);

    const prices = await w.t.call('GET', '/api/metal-prices?metal_type=1%23锌&per_page=100', { token });
    expect(prices.body).toMatchObject({ total: 365, pages: 4, current_page: 1 });
    const dates = prices.body.prices.map((p: { quote_date: string }) => p.quote_date);
    expect(dates).toEqual([...dates].sort().reverse());
    for (const p of prices.body.prices) expect(p.low_price).toBeLessThan(p.high_price);
  });

  it('gives the smelter a month of receipts and one settled contract per pricing method', async () => {
    expect(await seedDemo(w.t.deps.db, hashPassword, { settle: settleInTransaction })).toBe(true);
    const token = (await w.t.call('POST', '/api/login', { body: DEMO_BACKOFFICE_ADMIN })).body.data.token as string;
    const receipts = await w.t.call('GET', '/api/receipts?per_page=100', { token });
    expect(receipts.body.total).toBe(30);
    const statuses = new Set(receipts.body.receipts.map((r: { status: string }) => r.status));
    for (const s of ['received', 'sampled', 'assayed', 'settled']) expect(statuses).toContain(s);

    const contracts = await w.t.call('GET', '/api/contracts', { token });
    const settledMethods = new Set<string>();
    for (const c of contracts.body as { id: number; pricing_method: string }[]) {
      const settlements = (await w.t.call('GET', `/api/contracts/${c.id}/settlements`, { token })).body;
      if (settlements.length) settledMethods.add(c.pricing_method);
      for (const s of settlements) expect(Number(s.amount_incl_tax)).toBeGreaterThan(Number(s.amount_excl_tax));
    }
    expect([...settledMethods].sort()).toEqual(['content', 'gross_weight', 'processing', 'weight']);
    expect((await w.t.call('GET', '/api/audit-logs?entity_type=settlement', { token })).body.total).toBe(4);
  });
});
