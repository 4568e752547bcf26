import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson } from './http.ts';
import { type FakeRequest, FakeSmsProvider } from './sms-provider.ts';

/** One delivered message, as the fake understood it. */
export interface TencentSentSms {
  phone: string;
  smsSdkAppId: string;
  signName: string;
  templateId: string;
  params: string[];
  serialNo: string;
}

/**
 * Tencent Cloud SMS (API 3.0, `SendSms` 2021-01-11) on 127.0.0.1, checking a request the way the
 * provider does: `X-TC-Action`, `X-TC-Version`, `X-TC-Region`, a fresh `X-TC-Timestamp`, a
 * TC3-HMAC-SHA256 Authorization recomputed with the known test secret, the JSON body's required
 * fields, the SdkAppId, then per number the approved sign name and template (TemplateParamSet as
 * long as the template's variables) and the 30-second limit per number. Answers as Tencent does,
 * always HTTP 200: `{Response: {Error: {Code, Message}, RequestId}}` for the request, or
 * `{Response: {SendStatusSet: [{SerialNo, PhoneNumber, Fee, SessionContext, Code, Message, IsoCode}], RequestId}}`.
 */
export class FakeTencentSms extends FakeSmsProvider<TencentSentSms> {
  readonly secretId = 'AKIDfakeTencentSecretId000000000';
  readonly secretKey = 'fake-tencent-secret-key';
  readonly smsSdkAppId = '1400000001';
  readonly signName = '白垩纪溯源';
  /** Approved template ids and how many variables each has. */
  readonly templates: Record<string, number> = { '2000001': 1 };
  /** Forces the next answer: a per-number status code, or with `scope: 'request'` a Response.Error, or with `httpStatus` a gateway error. */
  failNext: { code: string; message?: string; scope?: 'status' | 'request'; httpStatus?: number } | undefined;
  readonly #lastSent = new Map<string, number>();

  protected codeOf(sent: TencentSentSms): string | undefined {
    return sent.params[0];
  }

  protected handle(req: FakeRequest, res: ServerResponse) {
    const h = req.headers;
    const requestId = randomUUID();
    const error = (code: string, message: string) =>
      sendJson(res, 200, { Response: { Error: { Code: code, Message: message }, RequestId: requestId } });
    if (req.method !== 'POST' || req.path !== '/') return error('InvalidParameter', 'only POST / is served');
    const forced = this.failNext;
    if (forced?.httpStatus) {
      this.failNext = undefined;
      res.statusCode = forced.httpStatus;
      res.end('<html><body>Bad Gateway</body></html>');
      return;
    }
    if (!String(h['content-type'] ?? '').startsWith('application/json'))
      return error('InvalidParameter', 'Content-Type must be application/json');
    if (h['x-tc-action'] !== 'SendSms') return error('InvalidAction', `The action ${h['x-tc-action']} is not valid for this endpoint`);
    if (h['x-tc-version'] !== '2021-01-11') return error('NoSuchVersion', 'The requested version does not exist or is not supported');
    if (!h['x-tc-region']) return error('MissingParameter', 'The request is missing a required parameter `Region`.');
    if (!['ap-guangzhou', 'ap-beijing', 'ap-nanjing'].includes(String(h['x-tc-region'])))
      return error('UnsupportedRegion', 'The region is not supported.');

    // TC3-HMAC-SHA256 (Tencent Cloud API 3.0 signature v3)
    const timestamp = Number(h['x-tc-timestamp']);
    if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) {
      return error('AuthFailure.SignatureExpire', 'Signature expired. Timestamp and server time cannot differ by more than five minutes.');
    }
    const auth =
      /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
        String(h.authorization ?? ''),
      );
    if (!auth) return error('AuthFailure.InvalidAuthorization', 'Authorization in the request header is invalid.');
    const [, secretId, date, service, signedHeaderList = '', signature] = auth;
    if (secretId !== this.secretId)
      return error('AuthFailure.SecretIdNotFound', 'The SecretId is not found, please ensure that your SecretId is correct.');
    const signed = signedHeaderList.split(';');
    // The real endpoint is on port 443, so its Host has no port: the signed host is the name alone.
    const hostname = String(h.host ?? '').replace(/:\d+$/, '');
    const credentialOk = date === new Date(timestamp * 1000).toISOString().slice(0, 10) && service === hostname.split('.')[0];
    const canonicalHeaders = signed.map((n) => `${n}:${(n === 'host' ? hostname : String(h[n] ?? '')).trim().toLowerCase()}\n`).join('');
    const payloadHash = createHash('sha256').update(req.body).digest('hex');
    const canonicalRequest = ['POST', '/', req.query.toString(), canonicalHeaders, signedHeaderList, payloadHash].join('\n');
    const scope = `${date}/${service}/tc3_request`;
    const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${createHash('sha256').update(canonicalRequest).digest('hex')}`;
    const kDate = createHmac('sha256', `TC3${this.secretKey}`).update(String(date)).digest();
    const kService = createHmac('sha256', kDate).update(String(service)).digest();
    const kSigning = createHmac('sha256', kService).update('tc3_request').digest();
    const expected = createHmac('sha256', kSigning).update(stringToSign).digest('hex');
    if (!credentialOk || !signed.includes('content-type') || !signed.includes('host') || expected !== signature) {
      return error(
        'AuthFailure.SignatureFailure',
        'The provided credentials could not be validated. Please check your signature is correct.',
      );
    }

    let body: { PhoneNumberSet?: unknown; SmsSdkAppId?: unknown; SignName?: unknown; TemplateId?: unknown; TemplateParamSet?: unknown };
    try {
      body = JSON.parse(req.body);
    } catch {
      return error('FailedOperation.JsonParseFail', '解析请求包体时候失败。');
    }
    if (!Array.isArray(body.PhoneNumberSet) || body.PhoneNumberSet.length === 0) {
      return error('MissingParameter.EmptyPhoneNumberSet', '传入的号码列表为空，请确认您的参数中是否传入号码。');
    }
    if (body.PhoneNumberSet.length > 200) return error('LimitExceeded.PhoneNumberCountLimit', '调用接口单次提交的手机号个数超过200个。');
    if (typeof body.SmsSdkAppId !== 'string')
      return error('MissingParameter', 'The request is missing a required parameter `SmsSdkAppId`.');
    if (typeof body.TemplateId !== 'string') return error('MissingParameter', 'The request is missing a required parameter `TemplateId`.');
    const params = body.TemplateParamSet ?? [];
    if (!Array.isArray(params) || params.some((p) => typeof p !== 'string'))
      return error('InvalidParameter', 'TemplateParamSet must be an array of strings.');
    if (body.SmsSdkAppId !== this.smsSdkAppId) {
      return error(
        'UnauthorizedOperation.SmsSdkAppIdVerifyFail',
        'SmsSdkAppId 校验失败，请检查 SmsSdkAppId 是否属于云 API 密钥的关联账户。',
      );
    }
    this.failNext = undefined;
    if (forced?.scope === 'request') return error(forced.code, forced.message ?? forced.code);

    const statuses = body.PhoneNumberSet.map((raw) => {
      const phone = String(raw);
      const status = (code: string, message: string, serialNo = '') => ({
        SerialNo: serialNo,
        PhoneNumber: phone,
        Fee: code === 'Ok' ? 1 : 0,
        SessionContext: '',
        Code: code,
        Message: message,
        IsoCode: 'CN',
      });
      if (forced) return status(forced.code, forced.message ?? forced.code);
      if (!/^(\+86|0086|86)?1\d{10}$/.test(phone)) return status('InvalidParameterValue.IncorrectPhoneNumber', '手机号格式错误。');
      if (body.SignName !== this.signName) return status('FailedOperation.SignatureIncorrectOrUnapproved', '签名未审批或格式错误。');
      const variables = this.templates[String(body.TemplateId)];
      if (variables === undefined) return status('FailedOperation.TemplateIncorrectOrUnapproved', '模板未审批或内容不匹配。');
      if (params.length !== variables)
        return status('FailedOperation.TemplateParamSetNotMatchApprovedTemplate', '请求内容与审核通过的模板内容不匹配。');
      const key = phone.slice(-11);
      const last = this.#lastSent.get(key);
      if (last !== undefined && Date.now() - last < 30_000) {
        return status('LimitExceeded.PhoneNumberThirtySecondLimit', '单个手机号30秒内下发短信条数超过设定的上限。');
      }
      this.#lastSent.set(key, Date.now());
      const serialNo = `2433:${Date.now()}${String(this.messages.length).padStart(6, '0')}`;
      this.messages.push({
        phone,
        smsSdkAppId: this.smsSdkAppId,
        signName: String(body.SignName),
        templateId: String(body.TemplateId),
        params: params as string[],
        serialNo,
      });
      return status('Ok', 'send success', serialNo);
    });
    sendJson(res, 200, { Response: { SendStatusSet: statuses, RequestId: requestId } });
  }
}
