import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';

// /trpc: queries skip the body limit (they have no body), mutations keep it
describe('/trpc body limit', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp('sqlite', { env: { BODY_LIMIT_BYTES: '1024' } });
  });
  afterEach(() => t.close());

  it('answers a query and refuses an oversized mutation body with 413', async () => {
    const query = await t.app.request('/trpc/orders.search?input=%7B%7D');
    expect(query.status).toBe(401);
    const big = JSON.stringify({ x: 'y'.repeat(4096) });
    const res = await t.app.request('/trpc/auth.logout', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(big.length) },
      body: big,
    });
    expect(res.status).toBe(413);
    expect((await res.json()).error.data.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
