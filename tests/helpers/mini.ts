import type { FakeWechat } from '../fakes/wechat-server.ts';

/** The subscribe-message template of order-status notices in the notification tests. */
export const TEMPLATE = 'TPL_ORDER_STATUS';

/** Subscribe messages the fake WeChat received, as their parsed bodies. */
export const sendsTo = (wx: FakeWechat) =>
  wx.requests
    .filter((r) => r.path === '/cgi-bin/message/subscribe/send')
    .map((r) => JSON.parse(r.body) as { touser: string; template_id: string; page: string; data: Record<string, { value: string }> });
