import { type FakeServer, sendJson, startFakeServer } from './http.ts';

export interface FakeWechat extends FakeServer {
  appid: string;
  secret: string;
  /** Codes that log in, code → openid. Any other code answers errcode 40029. */
  sessions: Map<string, string>;
  /** errcode to answer the next subscribe send with (0 = success). */
  nextSendErrcode: number[];
  /** How many stable_token calls were made. */
  tokenCalls: number;
  /** Invalidate the current access_token, as WeChat does when it is refreshed elsewhere. */
  expireToken(): void;
}

/**
 * A fake of WeChat's server API speaking its real protocol: `GET /sns/jscode2session`,
 * `POST /cgi-bin/stable_token`, `POST /cgi-bin/message/subscribe/send`, with WeChat's errcodes
 * (40029 invalid code, 40163 code used, 40013 bad appid, 40001 bad token, 43101 refused…) and
 * msgids beyond 2^53, written as raw JSON numbers like WeChat does.
 */
export async function startFakeWechat(): Promise<FakeWechat> {
  const state = {
    appid: 'wx1234567890abcdef',
    secret: 'fake-secret',
    sessions: new Map<string, string>(),
    usedCodes: new Set<string>(),
    nextSendErrcode: [] as number[],
    tokenCalls: 0,
    token: '',
    msgSeq: 9_007_199_254_740_993n, // 2^53 + 1: not representable as a JS number
  };
  const server = await startFakeServer((req, res) => {
    if (req.path === '/sns/jscode2session' && req.method === 'GET') {
      const q = req.query;
      if (q.get('appid') !== state.appid || q.get('secret') !== state.secret)
        return sendJson(res, 200, { errcode: 40013, errmsg: 'invalid appid' });
      if (q.get('grant_type') !== 'authorization_code') return sendJson(res, 200, { errcode: 40002, errmsg: 'invalid grant_type' });
      const code = q.get('js_code') ?? '';
      if (state.usedCodes.has(code)) return sendJson(res, 200, { errcode: 40163, errmsg: 'code been used' });
      const openid = state.sessions.get(code);
      if (!openid) return sendJson(res, 200, { errcode: 40029, errmsg: 'invalid code' });
      state.usedCodes.add(code);
      return sendJson(res, 200, { openid, session_key: 'c2Vzc2lvbmtleQ==', unionid: `u_${openid}` });
    }
    if (req.path === '/cgi-bin/stable_token' && req.method === 'POST') {
      const body = JSON.parse(req.body) as { grant_type?: string; appid?: string; secret?: string; force_refresh?: boolean };
      if (body.grant_type !== 'client_credential') return sendJson(res, 200, { errcode: 40002, errmsg: 'invalid grant_type' });
      if (body.appid !== state.appid || body.secret !== state.secret)
        return sendJson(res, 200, { errcode: 40125, errmsg: 'invalid appsecret' });
      state.tokenCalls++;
      if (!state.token || body.force_refresh) state.token = `ACCESS_TOKEN_${state.tokenCalls}`;
      return sendJson(res, 200, { access_token: state.token, expires_in: 7200 });
    }
    if (req.path === '/cgi-bin/message/subscribe/send' && req.method === 'POST') {
      if (!state.token || req.query.get('access_token') !== state.token)
        return sendJson(res, 200, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
      const body = JSON.parse(req.body) as { touser?: string; template_id?: string; data?: unknown };
      if (!body.touser || !body.template_id || !body.data) return sendJson(res, 200, { errcode: 47003, errmsg: 'argument invalid!' });
      const errcode = state.nextSendErrcode.shift() ?? 0;
      if (errcode) return sendJson(res, 200, { errcode, errmsg: errcode === 43101 ? 'user refuse to accept the msg' : 'error' });
      state.msgSeq += 1n;
      return sendJson(res, 200, `{"errcode":0,"errmsg":"ok","msgid":${state.msgSeq}}`);
    }
    sendJson(res, 404, { errcode: -1, errmsg: 'not found' });
  });
  const fake = Object.assign(server, {
    appid: state.appid,
    secret: state.secret,
    sessions: state.sessions,
    nextSendErrcode: state.nextSendErrcode,
    tokenCalls: 0,
    expireToken() {
      state.token = 'rotated-elsewhere';
    },
  });
  // a live view, not a copy taken when the object was built
  Object.defineProperty(fake, 'tokenCalls', { get: () => state.tokenCalls });
  return fake;
}
