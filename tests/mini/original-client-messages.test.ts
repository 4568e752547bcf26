import { describe, expect, it } from 'vitest';
import { boundMiniUser } from '../factories.ts';
import { eachTestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { originalClient } from '../helpers/mini.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

/**
 * The original WeChat mini-program's message centre (REAL-CLIENTS.md "The WeChat mini-program"):
 * the calls its page makes and the fields it reads. Its order pages: original-client.test.ts.
 */
describe.each(DIALECTS)('the original mini-program against tracehub on %s', (dialect) => {
  const w = eachTestApp(dialect, originalClient);

  it('message centre: history by type with an unread count, mark-read, mark-all-read, clear-all', async () => {
    const empty = await w.t.call('GET', `/api/messages/history?userId=${w.user.userId}&page=1&pageSize=10&type=all`, {
      token: w.user.token,
    });
    expect(empty.body).toMatchObject({ success: true, data: { messages: [], total: 0, unreadCount: 0, hasMore: false } });

    // three status changes in the embedded ERP, then one notification round
    for (const [id, status] of [
      ['COMPA-ORD00001', 'cancelled'],
      ['COMPA-ORD00002', 'cancelled'],
      ['COMPA-ORD00003', 'cancelled'],
    ] as const) {
      await w.t.deps.db.updateTable('erp_orders').set({ status: 'pending' }).where('order_id', '=', id).execute();
      await w.t.deps.db.updateTable('erp_orders').set({ status }).where('order_id', '=', id).execute();
    }
    await w.t.deps.notifier.runOnce();

    const page1 = await w.t.call('GET', `/api/messages/history?userId=${w.user.userId}&page=1&pageSize=4&type=order_status`, {
      token: w.user.token,
    });
    expect(page1.status).toBe(200);
    const { data } = page1.body;
    expect(data.total).toBeGreaterThanOrEqual(3); // a status already pending adds no change
    expect(data.unreadCount).toBe(data.total);
    expect(data.hasMore).toBe(data.total > 4);
    const first = data.messages[0];
    expect(first).toMatchObject({ type: 'order_status', title: '订单状态更新', isRead: false, status: 'cancelled' });
    expect(typeof first.messageId).toBe('string');
    expect(first.createTime).toBeGreaterThan(0);
    expect(first.action).toMatchObject({ url: `/pages/order-detail/order-detail?orderNo=${encodeURIComponent(first.orderNo)}` });
    expect((await w.t.call('GET', '/api/messages/history?type=system', { token: w.user.token })).body.data.total).toBe(0);
    expect((await w.t.call('GET', '/api/messages/history?type=order', { token: w.user.token })).body.data.total).toBe(data.total);
    expect((await w.t.call('GET', '/api/messages/history?type=', { token: w.user.token })).body.data.total).toBe(data.total);

    const read = await w.t.call('POST', '/api/messages/mark-read', {
      token: w.user.token,
      body: { userId: w.user.userId, messageId: first.messageId },
    });
    expect(read.body).toMatchObject({ success: true, data: { messageId: first.messageId, isRead: true, unreadCount: data.total - 1 } });
    const all = await w.t.call('POST', '/api/messages/mark-all-read', { token: w.user.token, body: { userId: w.user.userId } });
    expect(all.body).toMatchObject({ success: true, data: { updated: data.total - 1, unreadCount: 0 } });
    const after = await w.t.call('GET', '/api/messages/history', { token: w.user.token });
    expect(after.body.data.messages.every((m: { isRead: boolean }) => m.isRead)).toBe(true);

    const cleared = await w.t.call('POST', '/api/messages/clear-all', { token: w.user.token, body: { userId: w.user.userId } });
    expect(cleared.body).toMatchObject({ success: true, data: { cleared: data.total } });
    expect((await w.t.call('GET', '/api/messages/history', { token: w.user.token })).body.data).toMatchObject({ total: 0, unreadCount: 0 });
    // processing the same changes again brings nothing back
    await w.t.deps.db.updateTable('order_status_events').set({ processed_at: null, claim_until: null }).execute();
    await w.t.deps.notifier.runOnce();
    expect((await w.t.call('GET', '/api/messages/history', { token: w.user.token })).body.data.total).toBe(0);
  });

  it("message centre: the token decides whose messages; another user's userId or message is refused", async () => {
    const other = await boundMiniUser(w.t, 'someone-else');
    await w.t.deps.db.updateTable('erp_orders').set({ status: 'cancelled' }).where('order_id', '=', 'COMPA-ORD00004').execute();
    await w.t.deps.db.updateTable('erp_orders').set({ status: 'completed' }).where('order_id', '=', 'COMPA-ORD00004').execute();
    await w.t.deps.notifier.runOnce();
    const theirs = (await w.t.call('GET', '/api/messages/history', { token: other.token })).body.data.messages[0];
    expect(theirs).toBeDefined();

    for (const [method, path, body] of [
      ['GET', `/api/messages/history?userId=${other.userId}`, undefined],
      ['POST', '/api/messages/mark-read', { userId: other.userId, messageId: theirs.messageId }],
      ['POST', '/api/messages/mark-all-read', { userId: other.userId }],
      ['POST', '/api/messages/clear-all', { userId: Number(other.userId) }],
    ] as const) {
      const res = await w.t.call(method, path, { token: w.user.token, body });
      expect(res.status, path).toBe(400);
      expectErrorEnvelope('mini', res.body);
      expect(res.body.message).toContain('用户不匹配');
      expect(res.body.details).toEqual([{ field: 'userId', message: 'does not match the token' }]);
    }
    // their message id with the caller's own userId: not found for the caller, untouched for them
    const notMine = await w.t.call('POST', '/api/messages/mark-read', {
      token: w.user.token,
      body: { userId: w.user.userId, messageId: theirs.messageId },
    });
    expect(notMine.body).toMatchObject({ success: false, code: 'NOT_FOUND' });
    expect((await w.t.call('GET', '/api/messages/history', { token: other.token })).body.data.messages[0].isRead).toBe(false);
  });
});
