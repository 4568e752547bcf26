import { seedErp } from '../../db/seed/demo.ts';
import type { FakeWechat } from '../fakes/wechat-server.ts';
import type { TestApp } from './app.ts';

/** Two ERP companies (A with invite code INV-A, B with INV-B), `orders` orders each. */
export async function seedTwoCompanies(t: TestApp, orders = 5): Promise<void> {
  await seedErp(t.deps.db, {
    companies: [
      { company_id: 'COMPA', company_name: '甲公司', customer_id: 'C-A', invite_code: 'INV-A' },
      { company_id: 'COMPB', company_name: '乙公司', customer_id: 'C-B', invite_code: 'INV-B' },
    ],
    ordersPerCompany: orders,
  });
}

/** Logs in through wx-login (simulator or fake WeChat) and returns the token and user id. */
export async function miniLogin(t: TestApp, code: string): Promise<{ token: string; userId: string }> {
  const res = await t.call('POST', '/api/auth/wx-login', { body: { code } });
  if (!res.body?.success) throw new Error(`wx-login failed: ${res.text}`);
  return { token: res.body.data.token, userId: res.body.data.userId };
}

/** A mini user bound to company A (or B). */
export async function boundMiniUser(t: TestApp, code: string, invite = 'INV-A') {
  const user = await miniLogin(t, code);
  const res = await t.call('POST', '/api/auth/bind-company', { token: user.token, body: { inviteCode: invite } });
  if (!res.body?.success) throw new Error(`bind failed: ${res.text}`);
  return user;
}

/** The subscribe-message template of order-status notices in the notification tests. */
export const TEMPLATE = 'TPL_ORDER_STATUS';

/** Subscribe messages the fake WeChat received, as their parsed bodies. */
export const sendsTo = (wx: FakeWechat) =>
  wx.requests
    .filter((r) => r.path === '/cgi-bin/message/subscribe/send')
    .map((r) => JSON.parse(r.body) as { touser: string; template_id: string; page: string; data: Record<string, { value: string }> });
