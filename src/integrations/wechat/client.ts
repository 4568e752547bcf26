import { type SubscribeMessage, type WechatApi, WechatError } from './types.ts';

export interface WechatClientOptions {
  appid: string;
  secret: string;
  /** `https://api.weixin.qq.com` in production; a fake server's URL in tests. */
  baseUrl: string;
  timeoutMs: number;
  /** Refresh the access_token this long before WeChat says it expires (ms). */
  refreshMarginMs?: number;
  now?: () => number;
}

/**
 * The real WeChat server-API client: code2Session, `cgi-bin/stable_token` (cached, refreshed
 * early, one refresh in flight at a time) and subscribe-message send.
 */
export class WechatClient implements WechatApi {
  #token: { value: string; expiresAt: number } | undefined;
  #refreshing: Promise<string> | undefined;
  readonly #now: () => number;

  constructor(private readonly opts: WechatClientOptions) {
    this.#now = opts.now ?? Date.now;
  }

  async code2Session(code: string): Promise<{ openid: string; unionid?: string }> {
    const url = new URL('/sns/jscode2session', this.opts.baseUrl);
    url.search = new URLSearchParams({
      appid: this.opts.appid,
      secret: this.opts.secret,
      js_code: code,
      grant_type: 'authorization_code',
    }).toString();
    const body = JSON.parse(await this.#fetchText(url, { method: 'GET' })) as {
      openid?: string;
      unionid?: string;
      errcode?: number;
      errmsg?: string;
    };
    if (body.errcode) throw new WechatError(body.errcode, body.errmsg ?? '');
    if (!body.openid) throw new WechatError(-2, 'no openid in response');
    return body.unionid ? { openid: body.openid, unionid: body.unionid } : { openid: body.openid };
  }

  async sendSubscribeMessage(msg: SubscribeMessage): Promise<{ msgid: string }> {
    try {
      return await this.#send(msg, await this.#accessToken(false));
    } catch (err) {
      if (err instanceof WechatError && (err.errcode === 40001 || err.errcode === 42001)) {
        return this.#send(msg, await this.#accessToken(true));
      }
      throw err;
    }
  }

  async ping(): Promise<boolean> {
    try {
      await this.#accessToken(false);
      return true;
    } catch {
      return false;
    }
  }

  async #send(msg: SubscribeMessage, accessToken: string): Promise<{ msgid: string }> {
    const url = new URL('/cgi-bin/message/subscribe/send', this.opts.baseUrl);
    url.searchParams.set('access_token', accessToken);
    const text = await this.#fetchText(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        touser: msg.touser,
        template_id: msg.templateId,
        page: msg.page,
        data: msg.data,
        miniprogram_state: 'formal',
        lang: 'zh_CN',
      }),
    });
    const body = JSON.parse(text) as { errcode?: number; errmsg?: string };
    if (body.errcode) throw new WechatError(body.errcode, body.errmsg ?? '');
    // msgid is an int64: read its digits from the raw text, JSON.parse would round it.
    const msgid = /"msgid"\s*:\s*"?(\d+)"?/.exec(text)?.[1];
    if (!msgid) throw new WechatError(-2, 'no msgid in response');
    return { msgid };
  }

  /** `POST /cgi-bin/stable_token`; cached until `refreshMarginMs` before expiry. */
  #accessToken(force: boolean): Promise<string> {
    const margin = this.opts.refreshMarginMs ?? 5 * 60_000;
    if (!force && this.#token && this.#token.expiresAt - margin > this.#now()) {
      return Promise.resolve(this.#token.value);
    }
    this.#refreshing ??= this.#fetchStableToken(force).finally(() => {
      this.#refreshing = undefined;
    });
    return this.#refreshing;
  }

  async #fetchStableToken(force: boolean): Promise<string> {
    const url = new URL('/cgi-bin/stable_token', this.opts.baseUrl);
    const body = JSON.parse(
      await this.#fetchText(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          grant_type: 'client_credential',
          appid: this.opts.appid,
          secret: this.opts.secret,
          force_refresh: force,
        }),
      }),
    ) as { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string };
    if (body.errcode || !body.access_token) throw new WechatError(body.errcode ?? -2, body.errmsg ?? 'no access_token');
    this.#token = { value: body.access_token, expiresAt: this.#now() + (body.expires_in ?? 7200) * 1000 };
    return body.access_token;
  }

  async #fetchText(url: URL, init: RequestInit): Promise<string> {
    let res: Response;
    try {
      res = await fetch(url, { ...init, signal: AbortSignal.timeout(this.opts.timeoutMs) });
    } catch (cause) {
      throw Object.assign(new WechatError(-1, `network: ${(cause as Error).message}`), { cause });
    }
    if (!res.ok) throw new WechatError(-1, `HTTP ${res.status}`);
    return res.text();
  }
}
