import { describe, expect, it } from 'vitest';
import { boundMiniUser, seedCompanies } from '../factories.ts';
import { eachTestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

describe.each(DIALECTS)('mini session on %s', (dialect) => {
  const w = eachTestApp(dialect, seedCompanies);

  it('searches the bound company orders only', async () => {
    const { token } = await boundMiniUser(w.t, 'user-a-code');
    const res = await w.t.call('GET', '/api/orders/search?pageSize=3', { token });
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
    expect(res.body.data.total).toBe(5);
    expect(res.body.data.orders).toHaveLength(3);
    for (const o of res.body.data.orders) expect(o.order_id.startsWith('COMPA-')).toBe(true);
  });
});
