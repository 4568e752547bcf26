import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson } from './http.ts';
import { type FakeRequest, FakeSmsProvider } from './sms-provider.ts';

/** One delivered message, as the fake understood it. */
export interface AliyunSentSms {
  phone: string;
  signName: string;
  templateCode: string;
  params: Record<string, string>;
  bizId: string;
}

/**
 * Alibaba Cloud SMS (Dysmsapi 2017-05-25, RPC style) on 127.0.0.1, checking a request the way
 * the provider does: `x-acs-action: SendSms`, `x-acs-version`, an ACS3-HMAC-SHA256 Authorization
 * recomputed with the known test secret, a fresh `x-acs-date`, the payload hash, the required
 * parameters, then the account's approved sign name and templates (TemplateParam a JSON object of
 * strings carrying every variable) and the per-number one-a-minute limit of verification codes.
 * Answers as Alibaba does: request-level errors with HTTP 4xx `{RequestId, HostId, Code, Message,
 * Recommend}`, business results with HTTP 200 `{RequestId, Code, Message, BizId?}`.
 */
export class FakeAliyunSms extends FakeSmsProvider<AliyunSentSms> {
  readonly accessKeyId = 'LTAI5tFakeAccessKeyId01';
  readonly accessKeySecret = 'fake-aliyun-access-key-secret';
  readonly signName = '白垩纪溯源';
  /** Approved templates and their variables. */
  readonly templates: Record<string, string[]> = { SMS_470000001: ['code'] };
  /** Forces the next answer: a business code (HTTP 200) or, with `status`, an OpenAPI error. */
  failNext: { code: string; message?: string; status?: number } | undefined;
  readonly #nonces = new Set<string>();
  readonly #lastSent = new Map<string, number>();

  protected codeOf(sent: AliyunSentSms): string | undefined {
    return sent.params.code;
  }

  protected handle(req: FakeRequest, res: ServerResponse) {
    const h = req.headers;
    const fail = (status: number, code: string, message: string) =>
      sendJson(res, status, {
        RequestId: randomUUID().toUpperCase(),
        HostId: 'dysmsapi.aliyuncs.com',
        Code: code,
        Message: message,
        Recommend: `https://api.aliyun.com/troubleshoot?q=${code}&product=Dysmsapi`,
      });
    if (req.path !== '/' || (req.method !== 'POST' && req.method !== 'GET'))
      return fail(404, 'InvalidAction.NotFound', 'Specified api is not found.');
    if (h['x-acs-action'] !== 'SendSms')
      return fail(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
    if (h['x-acs-version'] !== '2017-05-25') return fail(400, 'InvalidVersion', 'Specified parameter Version is not valid.');

    // ACS3-HMAC-SHA256 (Alibaba Cloud OpenAPI signature V3)
    const auth = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([a-z0-9;-]+),Signature=([0-9a-f]{64})$/.exec(
      String(h.authorization ?? ''),
    );
    if (!auth) return fail(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
    const [, keyId, signedHeaderList = '', signature] = auth;
    if (keyId !== this.accessKeyId) return fail(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    const signed = signedHeaderList.split(';');
    const mustSign = ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version'];
    if (!mustSign.every((n) => signed.includes(n)))
      return fail(400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
    const date = Date.parse(String(h['x-acs-date']));
    if (!Number.isFinite(date) || Math.abs(Date.now() - date) > 15 * 60_000) {
      return fail(400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
    }
    const nonce = String(h['x-acs-signature-nonce']);
    if (this.#nonces.has(nonce)) return fail(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');
    const payloadHash = createHash('sha256').update(req.body).digest('hex');
    if (h['x-acs-content-sha256'] !== payloadHash)
      return fail(400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
    const canonicalQuery = [...req.query.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`)
      .join('&');
    const canonicalHeaders = signed.map((n) => `${n}:${String(h[n] ?? '').trim()}\n`).join('');
    const canonicalRequest = [req.method, '/', canonicalQuery, canonicalHeaders, signedHeaderList, payloadHash].join('\n');
    const stringToSign = `ACS3-HMAC-SHA256\n${createHash('sha256').update(canonicalRequest).digest('hex')}`;
    if (createHmac('sha256', this.accessKeySecret).update(stringToSign).digest('hex') !== signature) {
      return fail(400, 'SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
    }
    this.#nonces.add(nonce);

    // RPC parameters: in the query, or a form body
    const params = new URLSearchParams(req.query);
    if (String(h['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      for (const [k, v] of new URLSearchParams(req.body)) params.set(k, v);
    }
    for (const name of ['PhoneNumbers', 'SignName', 'TemplateCode']) {
      if (!params.get(name)) return fail(400, `Missing${name}`, `${name} is mandatory for this action.`);
    }

    const requestId = randomUUID().toUpperCase();
    const answer = (code: string, message: string) => sendJson(res, 200, { RequestId: requestId, Code: code, Message: message });
    const forced = this.failNext;
    this.failNext = undefined;
    if (forced?.status) return fail(forced.status, forced.code, forced.message ?? forced.code);
    if (forced) return answer(forced.code, forced.message ?? forced.code);

    const phone = params.get('PhoneNumbers')!;
    const signName = params.get('SignName')!;
    const templateCode = params.get('TemplateCode')!;
    if (!/^(\+86|0086|86)?1\d{10}$/.test(phone)) return answer('isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
    if (signName !== this.signName) return answer('isv.SMS_SIGNATURE_ILLEGAL', '该账号下找不到对应签名');
    const variables = this.templates[templateCode];
    if (!variables) return answer('isv.SMS_TEMPLATE_ILLEGAL', '该账号下找不到对应模板');
    let templateParams: Record<string, unknown>;
    try {
      templateParams = JSON.parse(params.get('TemplateParam') ?? '{}');
    } catch {
      return answer('isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
    }
    if (typeof templateParams !== 'object' || templateParams === null || Object.values(templateParams).some((v) => typeof v !== 'string')) {
      return answer('isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
    }
    if (!variables.every((v) => v in templateParams)) return answer('isv.TEMPLATE_MISSING_PARAMETERS', '模板变量缺少对应参数值');
    const key = `${phone.slice(-11)}|${signName}`;
    const last = this.#lastSent.get(key);
    if (last !== undefined && Date.now() - last < 60_000) return answer('isv.BUSINESS_LIMIT_CONTROL', '触发分钟级流控Permits:1');
    this.#lastSent.set(key, Date.now());

    const bizId = `${Date.now()}${String(this.messages.length).padStart(4, '0')}^0`;
    this.messages.push({ phone, signName, templateCode, params: templateParams as Record<string, string>, bizId });
    sendJson(res, 200, { RequestId: requestId, Code: 'OK', Message: 'OK', BizId: bizId });
  }
}

/** Percent-encoding of the V3 canonical query (RFC 3986 unreserved characters kept). */
function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
