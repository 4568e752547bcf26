import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boundMiniUser, seedCompanies } from '../factories.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

describe.each(DIALECTS)('mini session on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    await seedCompanies(t);
  });
  afterEach(() => t.close());

  it('searches the bound company orders only', async () => {
    const { token } = await boundMiniUser(t, 'user-a-code');
    const res = await t.call('GET', '/api/orders/search?pageSize=3', { token });
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
    expect(res.body.data.total).toBe(5);
    expect(res.body.data.orders).toHaveLength(3);
    for (const o of res.body.data.orders) expect(o.order_id.startsWith('COMPA-')).toBe(true);
  });
});
