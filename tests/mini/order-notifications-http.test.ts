import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pollOrderStatuses } from '../../src/services/notifications/status-poll.ts';
import { boundMiniUser } from '../factories.ts';
import { type FakeErp, R1_DELIVERY, startFakeErp } from '../fakes/erp-server.ts';
import { type FakeWechat, startFakeWechat } from '../fakes/wechat-server.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS, sharedDatabase } from '../helpers/db.ts';
import { sendsTo, TEMPLATE } from '../helpers/mini.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

const USERS = ['u1', 'u2', 'u3'] as const;
const openid = (name: string) => `oOPENID_${name}_00000000000000000`;

/**
 * Order-status notifications with the ERP over HTTP (the fake ERP) and TWO tracehub instances on
 * one database, each with its own connection, ERP client and WeChat client, polling at once.
 */
describe.each(DIALECTS)('order-status notifications over the HTTP ERP, two instances on %s', (dialect) => {
  let erp: FakeErp;
  let wx: FakeWechat;
  let shared: Awaited<ReturnType<typeof sharedDatabase>>;
  let a: TestApp;
  let b: TestApp;
  const users: Record<(typeof USERS)[number], { token: string; userId: string }> = {} as never;

  const count = async (table: 'user_messages' | 'order_status_events', userId?: string) => {
    let q = a.deps.db.selectFrom(table).select('id');
    if (userId && table === 'user_messages') q = q.where('user_id', '=', Number(userId));
    return (await q.execute()).length;
  };
  const delivered = (name: string) => sendsTo(wx).filter((s) => s.touser === openid(name)).length;

  beforeEach(async () => {
    erp = await startFakeErp();
    wx = await startFakeWechat();
    for (const name of USERS) wx.sessions.set(`code-${name}`, openid(name));
    shared = await sharedDatabase(dialect);
    const env = {
      ERP_MODE: 'http',
      ERP_BASE_URL: erp.url,
      ERP_API_KEY: erp.apiKey,
      WECHAT_MODE: 'live',
      WECHAT_APPID: wx.appid,
      WECHAT_SECRET: wx.secret,
      WECHAT_BASE_URL: wx.url,
      WECHAT_ORDER_TEMPLATE_ID: TEMPLATE,
    };
    a = await createTestApp(dialect, { env, database: await shared.connect() });
    b = await createTestApp(dialect, { env, database: await shared.connect() });
    users.u1 = await boundMiniUser(a, 'code-u1', 'REMOTE-INVITE');
    users.u2 = await boundMiniUser(b, 'code-u2', 'REMOTE-INVITE');
    users.u3 = await boundMiniUser(a, 'code-u3', 'REMOTE-INVITE-2');
    // u1 grants one subscribe message, u2 two (each through a different instance)
    await a.call('POST', '/api/wechat/subscriptions', { token: users.u1.token, body: { results: { [TEMPLATE]: 'accept' } } });
    for (let i = 0; i < 2; i++) {
      await b.call('POST', '/api/wechat/subscriptions', { token: users.u2.token, body: { results: { [TEMPLATE]: 'accept' } } });
    }
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    await shared.destroy();
    await erp.close();
    await wx.close();
  });

  it('one change polled by both instances at once: one event, one message per user, one send per consent', async () => {
    // first round: one instance holds the poll lease and remembers every status silently
    const first = await Promise.all([a.deps.notifier.runOnce(), b.deps.notifier.runOnce()]);
    expect(first.filter((r) => r.polled)).toHaveLength(1);
    expect(await count('order_status_events')).toBe(0);
    expect(
      (await a.deps.db.selectFrom('order_status_snapshots').select('order_id').orderBy('order_id').execute()).map((s) => s.order_id),
    ).toEqual(['R-1', 'R-9']);

    erp.setStatus('R-1', 'shipped');
    // both poll at once, as when the lease lapses for both: the change is recorded once
    const polls = await Promise.all([pollOrderStatuses(a.deps), pollOrderStatuses(b.deps), pollOrderStatuses(a.deps)]);
    expect(polls.reduce((n, p) => n + p.changes, 0)).toBe(1);
    expect(await count('order_status_events')).toBe(1);

    const rounds = await Promise.all([a.deps.notifier.runOnce(), b.deps.notifier.runOnce()]);
    expect(rounds.reduce((n, r) => n + r.events, 0)).toBe(1);
    expect(rounds.reduce((n, r) => n + r.messages, 0)).toBe(2);
    expect(rounds.reduce((n, r) => n + r.sent, 0)).toBe(2);
    expect(await count('user_messages', users.u1.userId)).toBe(1);
    expect(await count('user_messages', users.u2.userId)).toBe(1);
    expect(await count('user_messages', users.u3.userId)).toBe(0);
    expect([delivered('u1'), delivered('u2'), delivered('u3')]).toEqual([1, 1, 0]);
    const history = await b.call('GET', `/api/messages/history?userId=${users.u1.userId}`, { token: users.u1.token });
    expect(history.body.data.messages[0]).toMatchObject({
      orderId: 'R-1',
      orderNo: 'SO-R-1',
      status: 'shipped',
      previousStatus: 'producing',
    });

    // the next change through the scheduled path on both instances, the lease lapsed
    erp.setStatus('R-1', 'completed');
    await a.deps.db.updateTable('job_leases').set({ lease_until: 0 }).execute();
    for (let i = 0; i < 3; i++) await Promise.all([a.deps.notifier.runOnce(), b.deps.notifier.runOnce()]);
    expect(await count('order_status_events')).toBe(2);
    expect(await count('user_messages', users.u1.userId)).toBe(2);
    expect(await count('user_messages', users.u2.userId)).toBe(2);
    expect([delivered('u1'), delivered('u2')]).toEqual([1, 2]); // u1's one consent was used
  });

  it('many changes, each polled by both instances at once, make one event each', async () => {
    await pollOrderStatuses(a.deps);
    const sequence = ['shipped', 'completed', 'cancelled', 'pending', 'producing'];
    for (const [i, status] of sequence.entries()) {
      erp.setStatus('R-1', status);
      await Promise.all([pollOrderStatuses(a.deps), pollOrderStatuses(b.deps)]);
      expect(await count('order_status_events')).toBe(i + 1);
      await Promise.all([pollOrderStatuses(b.deps), pollOrderStatuses(a.deps)]); // nothing new
      expect(await count('order_status_events')).toBe(i + 1);
    }
    const events = await a.deps.db.selectFrom('order_status_events').select(['from_status', 'to_status']).orderBy('id').execute();
    expect(events.map((e) => e.to_status)).toEqual(sequence);
    expect(events.map((e) => e.from_status)).toEqual(['producing', ...sequence.slice(0, -1)]);

    await Promise.all([a.deps.notifier.runOnce(), b.deps.notifier.runOnce(), a.deps.notifier.runOnce()]);
    expect(await count('user_messages', users.u1.userId)).toBe(sequence.length);
    expect(await count('user_messages', users.u2.userId)).toBe(sequence.length);
    expect([delivered('u1'), delivered('u2')]).toEqual([1, 2]);
    const sends = await a.deps.db.selectFrom('subscribe_sends').select(['user_id', 'status']).execute();
    expect(sends).toHaveLength(2 * sequence.length); // one decision per change and user, whichever instance made it
  });

  it('an ERP failure during a poll records nothing and the next poll catches up', async () => {
    await pollOrderStatuses(a.deps);
    erp.setStatus('R-1', 'shipped');
    erp.failNext(10, 503);
    await pollOrderStatuses(a.deps);
    expect(await count('order_status_events')).toBe(0);
    erp.failNext(0);
    const again = await pollOrderStatuses(b.deps);
    expect(again.changes).toBe(1);
  });
});

describe.each(DIALECTS)('order detail over the HTTP ERP on %s', (dialect) => {
  let erp: FakeErp;
  let t: TestApp;
  beforeEach(async () => {
    erp = await startFakeErp();
    t = await createTestApp(dialect, { env: { ERP_MODE: 'http', ERP_BASE_URL: erp.url, ERP_API_KEY: erp.apiKey, ERP_RETRIES: '0' } });
  });
  afterEach(async () => {
    await t.close();
    await erp.close();
  });

  it('reads the order and its delivery orders by id or number; the amount is exact', async () => {
    const { token } = await boundMiniUser(t, 'remote-user', 'REMOTE-INVITE');
    const byId = await t.call('GET', '/api/orders/R-1/detail', { token });
    const { delivery_no: _, ...withoutDeliveryNo } = R1_DELIVERY; // every field the ERP sent but its number
    expect(byId.body).toMatchObject({
      success: true,
      data: {
        order_id: 'R-1',
        order_no: 'SO-R-1',
        customer_name: '远程公司',
        rmb_amount: 12345.6,
        created_at: '2026-10-31T09:30:00Z',
        order_date: '2026-11-01T00:00:00Z',
        status: 'producing',
        delivery_orders: [withoutDeliveryNo],
      },
    });
    expect((await t.call('GET', '/api/orders/SO-R-1/detail', { token })).body.data).toEqual(byId.body.data);
    expect(erp.requests.find((r) => r.path === '/orders/SO-R-1/detail')?.query.get('companyId')).toBe('ERP-C1');

    const foreign = await t.call('GET', '/api/orders/R-9/detail', { token });
    expect(foreign.status).toBe(200);
    expect(foreign.body).toMatchObject({ success: false, code: 'NOT_FOUND' });

    erp.failNext(1, 503);
    const down = await t.call('GET', '/api/orders/R-1/detail', { token });
    expect(down.status).toBe(503);
    expectErrorEnvelope('mini', down.body);
    expect(down.body.code).toBe('SERVICE_UNAVAILABLE');
  });
});
