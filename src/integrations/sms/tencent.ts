import { createRequire } from 'node:module';
import type * as TencentSmsModule from 'tencentcloud-sdk-nodejs-sms';
import { SMS_TEMPLATES, SmsError, type SmsErrorKind, type SmsSender, type SmsTemplate, type SmsTemplateParams } from './types.ts';

type SmsClient = InstanceType<typeof TencentSmsModule.sms.v20210111.Client>;
/** The SDK, loaded when a sender is built, so that `SMS_PROVIDER=log` does not pay for loading it. */
const loadSdk = () => createRequire(import.meta.url)('tencentcloud-sdk-nodejs-sms') as typeof TencentSmsModule;

export interface TencentSmsOptions {
  secretId: string;
  secretKey: string;
  /** `ap-guangzhou`, `ap-beijing` or `ap-nanjing` (the X-TC-Region of the request). */
  region: string;
  /** The SMS application's SdkAppId (`1400…`). */
  smsSdkAppId: string;
  /** The approved sign name (签名内容, not its id). */
  signName: string;
  /** The approved template id of each tracehub template. */
  templates: Record<SmsTemplate, string>;
  /** `http(s)://host[:port]` instead of `https://sms.tencentcloudapi.com` (tests: a fake on 127.0.0.1 over http). */
  endpoint?: string | undefined;
  /** Whole-request timeout, ms. */
  timeoutMs: number;
}

/**
 * Tencent Cloud SMS through the official SDK (`tencentcloud-sdk-nodejs-sms`): API 3.0 `SendSms`
 * version 2021-01-11 (PhoneNumberSet, SmsSdkAppId, SignName, TemplateId, TemplateParamSet in the
 * template's variable order), requests signed by the SDK (TC3-HMAC-SHA256). No retry.
 * Refusals come two ways: `Response.Error.Code` for the whole request (AuthFailure.*, …), which
 * the SDK throws, or HTTP 200 with a per-number `SendStatusSet[].Code` ≠ `Ok`.
 */
export class TencentSmsSender implements SmsSender {
  readonly #client: SmsClient;

  constructor(private readonly opts: TencentSmsOptions) {
    const endpoint = opts.endpoint ? new URL(opts.endpoint) : undefined;
    this.#client = new (loadSdk().sms.v20210111.Client)({
      credential: { secretId: opts.secretId, secretKey: opts.secretKey },
      region: opts.region,
      profile: {
        httpProfile: {
          ...(endpoint ? { endpoint: endpoint.host, protocol: `${endpoint.protocol}//` } : {}),
          reqTimeout: opts.timeoutMs / 1000, // the SDK counts seconds
        },
      },
    });
  }

  /**
   * `SendSms` of one template to one number.
   * @returns `messageId`: Tencent's `SerialNo`.
   * @throws SmsError with the kind of the provider's code (see `tencentErrorKind`), `unavailable` on
   *   network failure, timeout, a non-200 answer or no status for the number.
   */
  async send<T extends SmsTemplate>(phone: string, template: T, params: SmsTemplateParams<T>): Promise<{ messageId: string }> {
    const names: readonly string[] = SMS_TEMPLATES[template].params;
    const values = params as Record<string, string>;
    let res: Awaited<ReturnType<SmsClient['SendSms']>>;
    try {
      res = await this.#client.SendSms({
        PhoneNumberSet: [phone],
        SmsSdkAppId: this.opts.smsSdkAppId,
        SignName: this.opts.signName,
        TemplateId: this.opts.templates[template],
        TemplateParamSet: names.map((n) => values[n] ?? ''),
      });
    } catch (err) {
      throw fromSdkError(err);
    }
    const status = res.SendStatusSet?.[0];
    const provider = { name: 'tencent' as const, code: status?.Code, requestId: res.RequestId, httpStatus: 200 };
    if (status?.Code === 'Ok' && status.SerialNo) return { messageId: status.SerialNo };
    if (!status?.Code) throw new SmsError('unavailable', 'Tencent Cloud SMS answered without a send status', provider);
    throw new SmsError(tencentErrorKind(status.Code), `Tencent Cloud SMS ${status.Code}: ${status.Message ?? ''}`, provider);
  }
}

/** The SDK's TencentCloudSDKHttpException (not exported): `code` from Response.Error, `httpCode` on a non-200. */
interface TencentSdkError extends Error {
  code?: string;
  requestId?: string;
  httpCode?: number;
}

function fromSdkError(err: unknown): SmsError {
  const e = err as TencentSdkError;
  if (e instanceof Error && e.code) {
    const provider = { name: 'tencent' as const, code: e.code, requestId: e.requestId || undefined, httpStatus: 200 };
    return new SmsError(tencentErrorKind(e.code), `Tencent Cloud SMS ${e.code}: ${e.message}`, provider, { cause: err });
  }
  const message = e instanceof Error ? e.message : String(err);
  const what = e?.httpCode ? `HTTP ${e.httpCode}` : `unreachable: ${message}`;
  return new SmsError('unavailable', `Tencent Cloud SMS ${what}`, { name: 'tencent', httpStatus: e?.httpCode }, { cause: err });
}

/** Tencent Cloud's codes (SMS API 3.0 send error codes; common error codes) by kind; anything else is `unavailable`. */
const TENCENT_CODES: Partial<Record<SmsErrorKind, string[]>> = {
  invalid_number: ['InvalidParameterValue.IncorrectPhoneNumber'],
  template_not_approved: [
    'FailedOperation.TemplateIncorrectOrUnapproved',
    'FailedOperation.SignatureIncorrectOrUnapproved',
    'FailedOperation.TemplateParamSetNotMatchApprovedTemplate',
    'InvalidParameterValue.TemplateParameterFormatError',
    'InvalidParameterValue.TemplateParameterLengthLimit',
  ],
  auth_failed: [
    'UnauthorizedOperation.SmsSdkAppIdVerifyFail',
    'UnauthorizedOperation.RequestPermissionDeny',
    'UnauthorizedOperation.RequestIpNotInWhitelist',
    'InvalidParameterValue.SdkAppIdNotExist',
  ],
  out_of_service: ['FailedOperation.InsufficientBalanceInSmsPackage', 'UnauthorizedOperation.ServiceSuspendDueToArrears'],
  rejected: [
    'FailedOperation.PhoneNumberInBlacklist',
    'FailedOperation.ContainSensitiveWord',
    'InvalidParameterValue.ProhibitedUseUrlInTemplateParameter',
  ],
};
const TENCENT_KIND = new Map(Object.entries(TENCENT_CODES).flatMap(([kind, codes]) => codes.map((c) => [c, kind as SmsErrorKind])));

/** The kind of a Tencent Cloud error code; `LimitExceeded.*` / `RequestLimitExceeded*` (throttled) and `AuthFailure.*` by prefix. */
export function tencentErrorKind(code: string): SmsErrorKind {
  const known = TENCENT_KIND.get(code);
  if (known) return known;
  if (code.startsWith('LimitExceeded') || code.startsWith('RequestLimitExceeded')) return 'throttled';
  if (code.startsWith('AuthFailure')) return 'auth_failed';
  return 'unavailable';
}
