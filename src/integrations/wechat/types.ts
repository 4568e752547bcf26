/** What tracehub needs of WeChat's server API (mini-program). */
export interface WechatApi {
  /**
   * `GET /sns/jscode2session`: exchanges a wx.login `code` for the user's openid.
   * The session_key WeChat returns is dropped here and never stored nor returned (spec 000).
   * @throws WechatError on errcode ≠ 0 (40029 invalid code, 40163 code used, 45011 rate limit…)
   */
  code2Session(code: string): Promise<{ openid: string; unionid?: string }>;
  /**
   * `POST /cgi-bin/message/subscribe/send`. Retries once with a fresh access_token on 40001/42001.
   * @returns msgid as a decimal string (WeChat's msgid is a 64-bit integer: never a JS number).
   * @throws WechatError on errcode ≠ 0 (43101 refused, 40037 bad template, 47003 bad data…)
   */
  sendSubscribeMessage(msg: SubscribeMessage): Promise<{ msgid: string }>;
  /** Cheap reachability probe for the health check; never throws. */
  ping(): Promise<boolean>;
}

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
}

/** Well-known errcodes, mapped to the messages callers see. */
export const WECHAT_ERRCODES: Record<number, string> = {
  [-1]: '微信系统繁忙，请稍后再试',
  40001: 'access_token 无效',
  40029: '登录 code 无效',
  40037: '模板 ID 无效',
  40163: '登录 code 已被使用',
  40226: '高风险用户，登录被拦截',
  41028: 'form_id 或 code 无效',
  42001: 'access_token 已过期',
  43101: '用户拒绝接受消息',
  45011: '调用太频繁，请稍后再试',
  47003: '模板参数不准确',
};

export class WechatError extends Error {
  override name = 'WechatError';
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeChat errcode ${errcode}: ${WECHAT_ERRCODES[errcode] ?? errmsg}`);
  }
  /** The message shown to the caller. */
  get userMessage(): string {
    return WECHAT_ERRCODES[this.errcode] ?? `微信接口错误 (${this.errcode})`;
  }
}
