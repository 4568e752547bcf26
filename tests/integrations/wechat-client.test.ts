import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WechatClient } from '../../src/integrations/wechat/client.ts';
import { WechatError } from '../../src/integrations/wechat/types.ts';
import { type FakeWechat, startFakeWechat } from '../fakes/wechat-server.ts';

describe('WechatClient against a fake WeChat server', () => {
  let wx: FakeWechat;
  let client: WechatClient;
  let now = 1_800_000_000_000;
  beforeEach(async () => {
    wx = await startFakeWechat();
    client = new WechatClient({ appid: wx.appid, secret: wx.secret, baseUrl: wx.url, timeoutMs: 2000, now: () => now });
  });
  afterEach(() => wx.close());

  it('exchanges a code for the openid and drops the session_key', async () => {
    wx.sessions.set('good-code', 'oUser1234567890abc');
    const session = await client.code2Session('good-code');
    expect(session).toEqual({ openid: 'oUser1234567890abc', unionid: 'u_oUser1234567890abc' });
    expect(JSON.stringify(session)).not.toContain('session_key');
  });

  it('maps errcodes: 40029 invalid code, 40163 code used twice', async () => {
    await expect(client.code2Session('nope')).rejects.toMatchObject({ errcode: 40029 });
    wx.sessions.set('once', 'oUser1234567890abc');
    await client.code2Session('once');
    const err = await client.code2Session('once').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WechatError);
    expect((err as WechatError).errcode).toBe(40163);
    expect((err as WechatError).userMessage).toBe('登录 code 已被使用');
  });

  it('keeps a 64-bit msgid exact, as a string', async () => {
    const { msgid } = await client.sendSubscribeMessage({ touser: 'oUser1', templateId: 'TPL', data: { thing1: { value: 'x' } } });
    expect(msgid).toBe('9007199254740994'); // 2^53 + 2: a JS number would round it
  });

  it('caches the stable access_token and refreshes it before expiry', async () => {
    const msg = { touser: 'oUser1', templateId: 'TPL', data: { thing1: { value: 'x' } } };
    await client.sendSubscribeMessage(msg);
    await client.sendSubscribeMessage(msg);
    expect(wx.tokenCalls).toBe(1);
    now += 7200_000 - 4 * 60_000; // inside the 5-minute early-refresh margin
    await client.sendSubscribeMessage(msg);
    expect(wx.tokenCalls).toBe(2);
  });

  it('retries once with a fresh token when WeChat says the token is invalid (40001)', async () => {
    const msg = { touser: 'oUser1', templateId: 'TPL', data: { thing1: { value: 'x' } } };
    await client.sendSubscribeMessage(msg);
    wx.expireToken();
    const { msgid } = await client.sendSubscribeMessage(msg);
    expect(msgid).toMatch(/^\d+$/);
    expect(wx.tokenCalls).toBe(2);
  });

  it('surfaces 43101 (user refused the subscription) as a WechatError', async () => {
    wx.nextSendErrcode.push(43101);
    const err = await client
      .sendSubscribeMessage({ touser: 'o', templateId: 'T', data: { thing1: { value: 'x' } } })
      .catch((e: unknown) => e);
    expect((err as WechatError).errcode).toBe(43101);
    expect((err as WechatError).userMessage).toBe('用户拒绝接受消息');
  });

  it('fails with errcode -1 when WeChat is unreachable', async () => {
    await wx.close();
    await expect(client.code2Session('x')).rejects.toMatchObject({ errcode: -1 });
  });
});
