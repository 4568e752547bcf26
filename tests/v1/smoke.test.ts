import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { sampleBatch, seedFactories } from './helpers.ts';

describe.each(DIALECTS)('v1 smoke on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(() => t.close());

  it('creates, reads, lists', async () => {
    const u = await seedFactories(t);
    const c = await t.call('POST', '/v1/traces', { token: u.a.token, body: sampleBatch() });
    console.log(c.status, c.text, Object.fromEntries(c.headers));
    const l = await t.call('GET', '/v1/traces?limit=abc&sortBy=foo&fields=id,nope&fromDate=2023-02-30&page=0', { token: u.a.token });
    console.log(l.status, l.text);
    const l2 = await t.call('GET', '/v1/traces?fields=id,name', { token: u.a.token });
    console.log(l2.status, l2.text);
    const g = await t.call('GET', `/v1/traces/${c.body.data.id}`, { token: u.a.token });
    console.log(g.status, g.text);
    const d = await t.call('DELETE', `/v1/traces/${c.body.data.id}`, { token: u.a.token });
    console.log(d.status, d.text, Object.fromEntries(d.headers));
    const x = await t.call('GET', `/v1/traces/${c.body.data.id}`, { token: 'bad' });
    console.log(x.status, x.text, Object.fromEntries(x.headers));
    expect(1).toBe(1);
  });
});
