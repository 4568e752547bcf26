import { boundMiniUser, seedCompanies } from '../factories.ts';
import type { FakeWechat } from '../fakes/wechat-server.ts';
import type { TestApp } from './app.ts';

/** The subscribe-message template of order-status notices in the notification tests. */
export const TEMPLATE = 'TPL_ORDER_STATUS';

/** Subscribe messages the fake WeChat received, as their parsed bodies. */
export const sendsTo = (wx: FakeWechat) =>
  wx.requests
    .filter((r) => r.path === '/cgi-bin/message/subscribe/send')
    .map((r) => JSON.parse(r.body) as { touser: string; template_id: string; page: string; data: Record<string, { value: string }> });

/**
 * What the original mini-program's tests (tests/mini/original-client*.test.ts) start from, for
 * eachTestApp: 25 ERP companies' orders and a customer bound to the first company.
 */
export async function originalClient(t: TestApp) {
  await seedCompanies(t, 25);
  return { user: await boundMiniUser(t, 'original-client') };
}
