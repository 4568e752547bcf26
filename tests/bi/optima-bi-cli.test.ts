import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decideAuthorization } from '../../src/services/identity/oauth/code-verification.ts';
import { biCast } from '../factories.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { addOrder, addProduct } from './commerce-fixtures.ts';

/**
 * Replays the requests of `Optima-Chat/optima-bi` packages/bi-cli (REAL-CLIENTS.md): `auth login`
 * (device authorization as JSON, polling form-encoded, at its `/api/v1/oauth/device/*` paths),
 * `auth whoami` and `sales get [--pretty]`, and asserts every field those commands read. Its
 * client id is chosen per deployment: a platform admin registers it first.
 */
const CLI_CLIENT = 'bi-cli-aqkutatj';
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
/** What axios sends for a plain object and for URLSearchParams. */
const AXIOS_JSON = { 'content-type': 'application/json', accept: 'application/json, text/plain, */*' };
const AXIOS_FORM = { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8', accept: 'application/json, text/plain, */*' };

describe.each(DIALECTS)('the optima-bi CLI against tracehub on %s', (dialect) => {
  let t: TestApp;
  let who: Awaited<ReturnType<typeof biCast>>;
  beforeEach(async () => {
    t = await createTestApp(dialect, {
      env: { PUBLIC_BASE_URL: 'https://auth.example.test', TIME_ZONE: 'Asia/Shanghai', OAUTH_CLIENTS: '' },
    });
    who = await biCast(t);
  });
  afterEach(() => t.close());

  const authorize = () => t.call('POST', '/api/v1/oauth/device/authorize', { body: { client_id: CLI_CLIENT }, headers: AXIOS_JSON });
  const poll = (device_code: string) =>
    t.call('POST', '/api/v1/oauth/device/token', {
      body: new URLSearchParams({ grant_type: DEVICE_GRANT, client_id: CLI_CLIENT, device_code }).toString(),
      headers: AXIOS_FORM,
    });

  /** `bi-cli auth login` up to the saved access token, with the user approving in the browser. */
  async function cliLogin(userId: number): Promise<string> {
    const res = await authorize();
    expect(res.status).toBe(200);
    const { device_code, user_code, verification_uri, verification_uri_complete, expires_in, interval } = res.body;
    expect(verification_uri_complete ?? verification_uri).toBe(`https://auth.example.test/device?user_code=${user_code}`);
    expect(expires_in).toBeGreaterThan(interval);
    // the CLI reads `error` from the 4xx body (axios throws) and keeps polling on authorization_pending
    const pending = await poll(device_code);
    expect(pending.status).toBe(400);
    expect(pending.body.error).toBe('authorization_pending');
    expect(await decideAuthorization(t.deps.db, { userCode: user_code, userId, approve: true })).toBe(true);
    await t.deps.db
      .updateTable('oauth_device_codes')
      .set({ last_polled_at: Date.now() - interval * 1000 })
      .execute();
    const token = await poll(device_code);
    expect(token.status).toBe(200);
    expect(token.body).not.toHaveProperty('error');
    expect(token.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(typeof token.body.refresh_token).toBe('string');
    return token.body.access_token as string;
  }

  async function register() {
    const add = await t.call('POST', '/api/platform/oauth-clients', {
      token: who.admin.token,
      body: { clientId: CLI_CLIENT, name: 'optima-bi CLI' },
    });
    expect(add.status).toBe(201);
  }

  it('auth login: refused until the deployment registers the CLI’s client id, then the device flow', async () => {
    const before = await authorize();
    expect(before.status).toBe(401);
    expect(before.body.error).toBe('invalid_client');
    await register();
    const token = await cliLogin(who.m1.id);
    // login and whoami: `Logged in as ${email} (${role})`, `Merchant ID: ${merchant_id}`
    const me = await t.call('GET', '/api/v1/users/me', { token });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: 'm1owner@example.com', role: 'merchant', merchant_id: 'M1' });
    const admin = await cliLogin(who.admin.id);
    const adminMe = await t.call('GET', '/api/v1/users/me', { token: admin });
    expect(adminMe.body.role).toBe('admin');
    expect(adminMe.body.merchant_id).toBeUndefined();
    // whoami on an expired session: the CLI tells the user to log in again on a 401
    expect((await t.call('GET', '/api/v1/users/me', { token: `${token}x` })).status).toBe(401);
  });

  it('sales get: the JSON and --pretty outputs find every field they read', async () => {
    await register();
    const token = await cliLogin(who.m1.id);
    await addProduct(t, 'P1', 'M1', 1999);
    const now = Date.now();
    await addOrder(t, { id: 'a1', factoryId: 'M1', email: 'q@x', status: 'paid', at: now - 1000, items: [['P1', 3, 1999]] });
    await addOrder(t, { id: 'a2', factoryId: 'M1', email: 'r@x', status: 'delivered', at: now - 2000, items: [['P1', 1, 1999]] });
    await addOrder(t, { id: 'a3', factoryId: 'M1', email: 'q@x', status: 'paid', at: now - 3000, items: [['P1', 1, 1]] });
    await addOrder(t, { id: 'a4', factoryId: 'M1', email: 's@x', status: 'cancelled', at: now - 4000, items: [['P1', 9, 1999]] });

    const res = await t.call('GET', '/api/v1/sales?days=7', { token, headers: { accept: 'application/json, text/plain, */*' } });
    expect(res.status).toBe(200);
    const body = res.body;
    expect(body.success).toBe(true);
    const { summary, daily } = body.data;
    // 59.97 + 19.99 + 0.01 over 3 orders from 2 customers; the average rounds half up (26.6566…)
    expect(summary).toEqual({ total_revenue: 79.97, total_orders: 3, avg_order_value: 26.66, unique_customers: 2 });
    expect(daily).toHaveLength(7);
    const today = daily.at(-1);
    expect(today).toMatchObject({ total_revenue: 79.97, order_count: 3, avg_order_value: 26.66, unique_customers: 2 });
    expect(today).toMatchObject({ revenue: 79.97, orders: 3 });
    expect(body.meta).toEqual({ cached: false, as_of: expect.any(String), query_time_ms: expect.any(Number) });
    expect(Number.isInteger(body.meta.query_time_ms) && body.meta.query_time_ms >= 0).toBe(true);
    expect(Math.abs(Date.parse(body.meta.as_of) - now)).toBeLessThan(60_000);
    // spec 004's fields stay as documented beside them
    expect(body.data).toMatchObject({ total_revenue: 79.97, order_count: 3, avg_order_value: 26.66 });
    expect(body.data.daily_breakdown.at(-1)).toEqual({ date: today.date, revenue: 79.97, orders: 3 });

    // --pretty: the summary table calls toFixed(2) on numbers; the daily table reads these keys
    const summaryTable = {
      'Total Revenue': `¥${summary.total_revenue.toFixed(2)}`,
      'Total Orders': summary.total_orders,
      'Average Order Value': `¥${summary.avg_order_value.toFixed(2)}`,
      'Unique Customers': summary.unique_customers,
    };
    expect(summaryTable).toEqual({ 'Total Revenue': '¥79.97', 'Total Orders': 3, 'Average Order Value': '¥26.66', 'Unique Customers': 2 });
    const rows = daily.map((d: Record<string, unknown>) => [
      d.date,
      `¥${Number(d.total_revenue).toFixed(2)}`,
      d.order_count,
      `¥${Number(d.avg_order_value).toFixed(2)}`,
      d.unique_customers,
    ]);
    expect(rows.at(-1)).toEqual([today.date, '¥79.97', 3, '¥26.66', 2]);
    expect(rows[0]).toEqual([daily[0].date, '¥0.00', 0, '¥0.00', 0]);
    expect(JSON.stringify(rows)).not.toMatch(/NaN|undefined|null/);
    // `sales get` validates --days 1..365 itself; the server takes the same range
    expect((await t.call('GET', '/api/v1/sales?days=365', { token })).status).toBe(200);
    // an invalid token answers 401: the CLI asks the user to log in again
    expect((await t.call('GET', '/api/v1/sales?days=7', { token: 'expired' })).status).toBe(401);
  });
});
