import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { boundMiniUser, seedCompanies } from '../factories.ts';
import { type FakeWechat, startFakeWechat } from '../fakes/wechat-server.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { sendsTo, TEMPLATE } from '../helpers/mini.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

/** Order-status notifications with the embedded ERP: its trigger records each change. */
describe.each(DIALECTS)('order-status notifications (embedded ERP) on %s', (dialect) => {
  let t: TestApp;
  let wx: FakeWechat;
  let alice: { token: string; userId: string };
  let bob: { token: string; userId: string };
  let carol: { token: string; userId: string };

  const setStatus = (orderId: string, status: 'pending' | 'producing' | 'shipped' | 'completed' | 'cancelled') =>
    t.deps.db.updateTable('erp_orders').set({ status, updated_at: Date.now() }).where('order_id', '=', orderId).execute();
  const statusOf = async (orderId: string) =>
    (await t.deps.db.selectFrom('erp_orders').select('status').where('order_id', '=', orderId).executeTakeFirstOrThrow()).status;
  const messagesOf = (userId: string) =>
    t.deps.db.selectFrom('user_messages').selectAll().where('user_id', '=', Number(userId)).orderBy('id').execute();
  const consent = (token: string, result: 'accept' | 'reject' | 'ban' = 'accept') =>
    t.call('POST', '/api/wechat/subscriptions', { token, body: { results: { [TEMPLATE]: result, errMsg: 'requestSubscribeMessage:ok' } } });
  const remaining = async (userId: string) =>
    Number(
      (
        await t.deps.db
          .selectFrom('subscribe_consents')
          .select('remaining')
          .where('user_id', '=', Number(userId))
          .where('template_id', '=', TEMPLATE)
          .executeTakeFirst()
      )?.remaining ?? 0,
    );

  beforeEach(async () => {
    wx = await startFakeWechat();
    for (const name of ['alice', 'bob', 'carol']) wx.sessions.set(`code-${name}`, `oOPENID_${name}_000000000000`);
    t = await createTestApp(dialect, {
      env: {
        WECHAT_MODE: 'live',
        WECHAT_APPID: wx.appid,
        WECHAT_SECRET: wx.secret,
        WECHAT_BASE_URL: wx.url,
        WECHAT_ORDER_TEMPLATE_ID: TEMPLATE,
      },
    });
    await seedCompanies(t, 5);
    alice = await boundMiniUser(t, 'code-alice', 'INV-A');
    bob = await boundMiniUser(t, 'code-bob', 'INV-A');
    carol = await boundMiniUser(t, 'code-carol', 'INV-B');
  });
  afterEach(async () => {
    await t.close();
    await wx.close();
  });

  it('one status change: one message per bound user of the company and one send per consent', async () => {
    expect((await consent(alice.token)).body).toMatchObject({
      success: true,
      data: { subscriptions: [{ templateId: TEMPLATE, result: 'accept', remaining: 1 }] },
    });
    const next = (await statusOf('COMPA-ORD00001')) === 'shipped' ? 'completed' : 'shipped';
    await setStatus('COMPA-ORD00001', next);

    const round = await t.deps.notifier.runOnce();
    expect(round).toMatchObject({ events: 1, messages: 2, sent: 1, polled: false });
    for (const u of [alice, bob]) {
      const msgs = await messagesOf(u.userId);
      expect(msgs).toHaveLength(1);
      expect(msgs[0]).toMatchObject({ type: 'order_status', order_id: 'COMPA-ORD00001', status: next });
    }
    expect(await messagesOf(carol.userId)).toHaveLength(0);
    const sends = sendsTo(wx);
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({ touser: 'oOPENID_alice_000000000000', template_id: TEMPLATE });
    expect(sends[0]!.page).toMatch(/^pages\/order-detail\/order-detail\?orderNo=SO/);
    expect(Object.keys(sends[0]!.data)).toEqual(['character_string1', 'phrase2', 'time3', 'thing4']);
    expect(sends[0]!.data.phrase2!.value).toBe(next === 'shipped' ? '已发货' : '已完成');
    expect(sends[0]!.data.time3!.value).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(await remaining(alice.userId)).toBe(0);

    // nothing more on the next rounds, nor for a write that leaves the status as it is
    await setStatus('COMPA-ORD00001', next);
    expect(await t.deps.notifier.runOnce()).toMatchObject({ events: 0, messages: 0, sent: 0 });
    expect(sendsTo(wx)).toHaveLength(1);

    // the next change: messages again, but alice's one consent is used up
    await setStatus('COMPA-ORD00001', 'cancelled');
    expect(await t.deps.notifier.runOnce()).toMatchObject({ events: 1, messages: 2, sent: 0 });
    expect(sendsTo(wx)).toHaveLength(1);
    const ledger = await t.deps.db.selectFrom('subscribe_sends').select(['user_id', 'status']).orderBy('id').execute();
    expect(ledger.map((s) => [Number(s.user_id), s.status])).toEqual([
      [Number(alice.userId), 'sent'],
      [Number(bob.userId), 'no_consent'],
      [Number(alice.userId), 'no_consent'],
      [Number(bob.userId), 'no_consent'],
    ]);
  });

  it('two consents allow two sends; errcode 43101 consumes none and is recorded', async () => {
    await consent(bob.token);
    await consent(bob.token);
    await consent(bob.token, 'reject'); // a later refusal keeps the earlier consents
    expect(await remaining(bob.userId)).toBe(2);

    wx.nextSendErrcode.push(43101);
    await setStatus('COMPA-ORD00002', (await statusOf('COMPA-ORD00002')) === 'producing' ? 'shipped' : 'producing');
    expect(await t.deps.notifier.runOnce()).toMatchObject({ events: 1, sent: 0 });
    expect(await remaining(bob.userId)).toBe(2);
    const refused = await t.deps.db
      .selectFrom('subscribe_sends')
      .selectAll()
      .where('user_id', '=', Number(bob.userId))
      .executeTakeFirstOrThrow();
    expect(refused).toMatchObject({ status: 'refused', errcode: 43101, msgid: null });

    for (const status of ['completed', 'cancelled', 'pending'] as const) {
      await setStatus('COMPA-ORD00002', status);
      await t.deps.notifier.runOnce();
    }
    expect(sendsTo(wx).filter((s) => s.touser === 'oOPENID_bob_000000000000')).toHaveLength(3); // the refused one and two delivered
    const statuses = (
      await t.deps.db.selectFrom('subscribe_sends').select('status').where('user_id', '=', Number(bob.userId)).orderBy('id').execute()
    ).map((s) => s.status);
    expect(statuses).toEqual(['refused', 'sent', 'sent', 'no_consent']);
    expect(await remaining(bob.userId)).toBe(0);
    // a banned template clears the ledger
    await consent(bob.token);
    expect((await consent(bob.token, 'ban')).body.data.subscriptions[0]).toMatchObject({ result: 'ban', remaining: 0 });
  });

  it('settings choose which changes make a message or a send', async () => {
    const defaults = await t.call('GET', '/api/user/notification-settings', { token: alice.token });
    expect(defaults.body).toMatchObject({
      success: true,
      data: {
        orderStatus: true,
        wechatPush: true,
        statuses: ['pending', 'producing', 'shipped', 'completed', 'cancelled'],
        updatedAt: null,
      },
    });
    const saved = await t.call('POST', '/api/user/notification-settings', {
      token: alice.token,
      body: { userId: alice.userId, wechatPush: false, statuses: ['completed', 'shipped'] },
    });
    expect(saved.body).toMatchObject({ success: true, data: { orderStatus: true, wechatPush: false, statuses: ['shipped', 'completed'] } });
    expect(saved.body.data.updatedAt).toBeGreaterThan(0);
    await t.call('POST', '/api/user/notification-settings', { token: bob.token, body: { orderStatus: false } });
    await consent(alice.token);
    await consent(bob.token);

    await setStatus('COMPA-ORD00003', 'cancelled'); // not among alice's statuses
    await setStatus('COMPA-ORD00004', 'pending');
    await setStatus('COMPA-ORD00004', 'completed');
    await t.deps.notifier.runOnce();
    const aliceMessages = await messagesOf(alice.userId);
    expect(aliceMessages.map((m) => m.status)).toEqual(['completed']);
    expect(await messagesOf(bob.userId)).toHaveLength(0); // bob reads no messages, but takes pushes
    expect(sendsTo(wx).map((s) => s.touser)).not.toContain('oOPENID_alice_000000000000');
    expect(sendsTo(wx).filter((s) => s.touser === 'oOPENID_bob_000000000000').length).toBeGreaterThanOrEqual(1);

    const bad = await t.call('POST', '/api/user/notification-settings', { token: alice.token, body: { statuses: ['lost'] } });
    expect(bad.status).toBe(400);
    expectErrorEnvelope('mini', bad.body);
    const foreign = await t.call('POST', '/api/wechat/subscriptions', {
      token: alice.token,
      body: { userId: bob.userId, results: { T: 'accept' } },
    });
    expect(foreign.status).toBe(400);
    expect((await t.call('POST', '/api/wechat/subscriptions', { token: alice.token, body: { results: {} } })).status).toBe(400);
  });

  it('a change no instance claimed in time is taken up again; a processed one never', async () => {
    await consent(alice.token);
    await setStatus('COMPA-ORD00005', (await statusOf('COMPA-ORD00005')) === 'shipped' ? 'completed' : 'shipped');
    // another instance claimed it and died: its claim lapses
    await t.deps.db
      .updateTable('order_status_events')
      .set({ claimed_by: 'dead-instance', claim_until: Date.now() + 60_000 })
      .execute();
    expect(await t.deps.notifier.runOnce()).toMatchObject({ events: 0 });
    await t.deps.db
      .updateTable('order_status_events')
      .set({ claim_until: Date.now() - 1 })
      .execute();
    expect(await t.deps.notifier.runOnce()).toMatchObject({ events: 1, messages: 2, sent: 1 });
    // a second pass over the same event (a slow instance whose claim lapsed) adds nothing
    await t.deps.db.updateTable('order_status_events').set({ processed_at: null, claim_until: null }).execute();
    expect(await t.deps.notifier.runOnce()).toMatchObject({ events: 1, messages: 0, sent: 0 });
    expect(sendsTo(wx)).toHaveLength(1);
  });

  it('runs on its own schedule and stops on shutdown', async () => {
    const quick = await createTestApp(dialect, { env: { ORDER_NOTIFY_INTERVAL_MS: '20' } });
    try {
      await seedCompanies(quick, 2);
      const u = await boundMiniUser(quick, 'scheduled', 'INV-A');
      quick.deps.notifier.start();
      expect(quick.deps.notifier.running).toBe(true);
      await quick.deps.db.updateTable('erp_orders').set({ status: 'cancelled' }).where('order_id', '=', 'COMPA-ORD00001').execute();
      await quick.deps.db.updateTable('erp_orders').set({ status: 'completed' }).where('order_id', '=', 'COMPA-ORD00001').execute();
      for (let i = 0; i < 100; i++) {
        const n = await quick.deps.db.selectFrom('user_messages').select('id').where('user_id', '=', Number(u.userId)).execute();
        if (n.length >= 1) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect((await quick.call('GET', '/api/messages/history', { token: u.token })).body.data.total).toBeGreaterThanOrEqual(1);
      await quick.deps.notifier.stop();
      expect(quick.deps.notifier.running).toBe(false);
      const current = (
        await quick.deps.db.selectFrom('erp_orders').select('status').where('order_id', '=', 'COMPA-ORD00002').executeTakeFirstOrThrow()
      ).status;
      await quick.deps.db
        .updateTable('erp_orders')
        .set({ status: current === 'pending' ? 'producing' : 'pending' })
        .where('order_id', '=', 'COMPA-ORD00002')
        .execute();
      await new Promise((r) => setTimeout(r, 150));
      // stopped: the new change waits for the next start
      expect(await quick.deps.db.selectFrom('order_status_events').select('id').where('processed_at', 'is', null).execute()).toHaveLength(
        1,
      );
    } finally {
      await quick.close();
    }
  });
});
