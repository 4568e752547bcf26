import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { revokeToken } from '../../src/services/identity/principal.ts';
import { seedCompanies } from '../factories.ts';
import { type FakeWechat, startFakeWechat } from '../fakes/wechat-server.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

describe.each(DIALECTS)('mini login, binding, profile and subscribe messages against fake WeChat on %s', (dialect) => {
  let t: TestApp;
  let wx: FakeWechat;
  const login = async (code: string) =>
    t.call('POST', '/api/auth/wx-login', { body: { code, userInfo: { nickName: '小明', avatarUrl: 'https://a/b.png' } } });

  beforeEach(async () => {
    wx = await startFakeWechat();
    t = await createTestApp(dialect, {
      env: { WECHAT_MODE: 'live', WECHAT_APPID: wx.appid, WECHAT_SECRET: wx.secret, WECHAT_BASE_URL: wx.url },
    });
    await seedCompanies(t);
    wx.sessions.set('code-1', 'oOPENID_user_0001');
    wx.sessions.set('code-2', 'oOPENID_user_0001');
    wx.sessions.set('short', 'oShort');
  });
  afterEach(async () => {
    await t.close();
    await wx.close();
  });

  it('logs in, issues a 30-day JWT and upserts the same user by openid', async () => {
    const before = Date.now();
    const a = await login('code-1');
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ success: true, message: '登录成功', data: { token: expect.any(String), userId: expect.any(String) } });
    expect(a.body.data.expiresAt).toBeGreaterThanOrEqual(before + 30 * 86400_000 - 2000);
    expect(a.text).not.toContain('session_key');
    const b = await login('code-2');
    expect(b.body.data.userId).toBe(a.body.data.userId);
    const row = await t.deps.db.selectFrom('users').selectAll().where('openid', '=', 'oOPENID_user_0001').executeTakeFirstOrThrow();
    expect(row.nickname).toBe('小明');
  });

  it('answers 400 in the mini envelope for a missing code, an invalid code and a malformed openid', async () => {
    for (const res of [await t.call('POST', '/api/auth/wx-login', { body: {} }), await login('unknown'), await login('short')]) {
      expect(res.status).toBe(400);
      expectErrorEnvelope('mini', res.body);
    }
    expect((await login('unknown')).body.message).toContain('openid获取失败');
    const malformed = await t.call('POST', '/api/auth/wx-login', { body: '{"code":', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expectErrorEnvelope('mini', malformed.body);
  });

  it('binds by invite code once; a second bind answers 已绑定该企业 unchanged', async () => {
    const { token, userId } = (await login('code-1')).body.data;
    const bad = await t.call('POST', '/api/auth/bind-company', { token, body: { inviteCode: 'NO-SUCH' } });
    expect(bad.status).toBe(200);
    expectErrorEnvelope('mini', bad.body);
    expect(bad.body.message).toContain('未找到对应企业');
    const mismatch = await t.call('POST', '/api/auth/bind-company', { token, body: { inviteCode: 'INV-A', userId: '999999' } });
    expect(mismatch.status).toBe(400);
    const ok = await t.call('POST', '/api/auth/bind-company', { token, body: { inviteCode: 'INV-A', userId } });
    expect(ok.body).toMatchObject({
      success: true,
      message: '绑定成功',
      data: { bindStatus: true, companyInfo: { companyId: 'COMPA', companyName: '甲公司', customerId: 'C-A' } },
    });
    const again = await t.call('POST', '/api/auth/bind-company', { token, body: { inviteCode: 'INV-B' } });
    expect(again.body).toMatchObject({ success: true, message: '已绑定该企业', data: { companyInfo: { companyId: 'COMPA' } } });
    const empty = await t.call('POST', '/api/auth/bind-company', { token, body: { inviteCode: '   ' } });
    expect(empty.status).toBe(400);
  });

  it('profile shows the binding and the session expiry', async () => {
    const { token, expiresAt } = (await login('code-1')).body.data;
    const unbound = await t.call('GET', '/api/user/profile', { token });
    expect(unbound.body.data).toEqual({
      erpBinding: { companyId: null, companyName: null, customerId: null, boundAt: null },
      sessionExpiresAt: expiresAt,
    });
    await t.call('POST', '/api/auth/bind-company', { token, body: { inviteCode: 'INV-B' } });
    const bound = await t.call('GET', '/api/user/profile', { token });
    expect(bound.body.data.erpBinding).toMatchObject({ companyId: 'COMPB', customerId: 'C-B', boundAt: expect.any(Number) });
  });

  it('sends a subscribe message to the caller and logs it, sent or failed', async () => {
    const { token } = (await login('code-1')).body.data;
    const body = { templateId: 'TPL-ORDER', data: { thing1: { value: '订单已发货' } }, page: '/pages/order-detail/order-detail?orderId=1' };
    const sent = await t.call('POST', '/api/wechat/template-msg', { token, body });
    expect(sent.body).toMatchObject({ success: true, message: '消息发送成功', data: { msgid: '9007199254740994', status: 'sent' } });
    const sendCall = wx.requests.find((r) => r.path === '/cgi-bin/message/subscribe/send');
    expect(JSON.parse(sendCall!.body)).toMatchObject({ touser: 'oOPENID_user_0001', template_id: 'TPL-ORDER' });

    wx.nextSendErrcode.push(43101);
    const refused = await t.call('POST', '/api/wechat/template-msg', { token, body });
    expect(refused.status).toBe(200);
    expectErrorEnvelope('mini', refused.body);
    expect(refused.body.message).toContain('用户拒绝接受消息');

    const logs = await t.deps.db.selectFrom('template_message_logs').selectAll().orderBy('id').execute();
    expect(logs.map((l) => [l.status, l.msgid])).toEqual([
      ['sent', '9007199254740994'],
      ['failed', null],
    ]);
    expect(logs[1]?.error).toContain('43101');

    const incomplete = await t.call('POST', '/api/wechat/template-msg', { token, body: { templateId: 'T', data: {} } });
    expect(incomplete.status).toBe(400);
    expectErrorEnvelope('mini', incomplete.body);
  });

  it('refuses a revoked token and a deactivated user with 401', async () => {
    const { token, userId } = (await login('code-1')).body.data;
    const principal = await t.deps.tokens.verify(token);
    await revokeToken(t.deps.db, { id: Number(userId), jti: principal.jti, tokenExpiresAt: principal.exp });
    const revoked = await t.call('GET', '/api/user/profile', { token });
    expect(revoked.status).toBe(401);
    expect(revoked.body.message).toBe('认证令牌已注销'); // spec 004's 'Token blacklisted', in the mini family's language

    const fresh = (await login('code-2')).body.data.token;
    await t.deps.db.updateTable('users').set({ is_active: 0 }).where('id', '=', Number(userId)).execute();
    const inactive = await t.call('GET', '/api/user/profile', { token: fresh });
    expect(inactive.status).toBe(401);
    expectErrorEnvelope('mini', inactive.body);
  });
});
