import { createRequire } from 'node:module';
import type DysmsapiModule from '@alicloud/dysmsapi20170525';
import type * as OpenApiModule from '@alicloud/openapi-core';
import { SmsError, type SmsErrorKind, type SmsSender, type SmsTemplate, type SmsTemplateParams } from './types.ts';

type Dysmsapi = typeof DysmsapiModule;
const require = createRequire(import.meta.url);
/**
 * The SDK, loaded when a sender is built: it takes about 2 s to load, which `SMS_PROVIDER=log`
 * should not pay. require(), since for its `exports.default` Node's ESM loader and vitest disagree.
 */
const loadSdk = () => ({
  Dysmsapi: require('@alicloud/dysmsapi20170525') as Dysmsapi,
  OpenApi: require('@alicloud/openapi-core') as typeof OpenApiModule,
});

export interface AliyunSmsOptions {
  accessKeyId: string;
  accessKeySecret: string;
  /** `cn-hangzhou`…; the SDK derives the endpoint from it unless `endpoint` is set. */
  regionId: string;
  /** The approved sign name (签名), without the brackets. */
  signName: string;
  /** The approved template code (`SMS_…`) of each tracehub template. */
  templates: Record<SmsTemplate, string>;
  /** `http(s)://host[:port]` instead of the SDK's endpoint (tests: a fake on 127.0.0.1 over http). */
  endpoint?: string | undefined;
  /** Connect and read timeout, ms. */
  timeoutMs: number;
}

/**
 * Alibaba Cloud SMS through the official SDK (`@alicloud/dysmsapi20170525`): Dysmsapi 2017-05-25
 * `SendSms` (RPC style, PhoneNumbers, SignName, TemplateCode, TemplateParam as a JSON object of
 * strings), requests signed by the SDK (ACS3-HMAC-SHA256). No retry: SendSms is not idempotent.
 * Refusals come two ways: HTTP 200 with `Code` ≠ `OK` (isv.* business codes), or HTTP 4xx/5xx with
 * `Code` (InvalidAccessKeyId.NotFound, SignatureDoesNotMatch, Throttling.User…), which the SDK throws.
 */
export class AliyunSmsSender implements SmsSender {
  readonly #sdk = loadSdk();
  readonly #client: InstanceType<Dysmsapi['default']>;

  constructor(private readonly opts: AliyunSmsOptions) {
    const { Dysmsapi, OpenApi } = this.#sdk;
    const endpoint = opts.endpoint ? new URL(opts.endpoint) : undefined;
    this.#client = new Dysmsapi.default(
      new OpenApi.$OpenApiUtil.Config({
        accessKeyId: opts.accessKeyId,
        accessKeySecret: opts.accessKeySecret,
        regionId: opts.regionId,
        ...(endpoint ? { endpoint: endpoint.host, protocol: endpoint.protocol.replace(':', '') } : {}),
        connectTimeout: opts.timeoutMs,
        readTimeout: opts.timeoutMs,
      }),
    );
  }

  /**
   * `SendSms` of one template to one number.
   * @returns `messageId`: Alibaba's `BizId` (the receipt id for QuerySendDetails).
   * @throws SmsError with the kind of the provider's code (see `aliyunErrorKind`), `unavailable` on
   *   network failure, timeout or a body without Code.
   */
  async send<T extends SmsTemplate>(phone: string, template: T, params: SmsTemplateParams<T>): Promise<{ messageId: string }> {
    const request = new this.#sdk.Dysmsapi.SendSmsRequest({
      phoneNumbers: phone,
      signName: this.opts.signName,
      templateCode: this.opts.templates[template],
      templateParam: JSON.stringify(params),
    });
    let body: InstanceType<Dysmsapi['SendSmsResponseBody']> | undefined;
    try {
      body = (await this.#client.sendSms(request)).body;
    } catch (err) {
      throw fromSdkError(err, this.#sdk.OpenApi.AlibabaCloudError);
    }
    const provider = { name: 'aliyun' as const, code: body?.code, requestId: body?.requestId, httpStatus: 200 };
    if (body?.code === 'OK' && body.bizId) return { messageId: body.bizId };
    if (!body?.code) throw new SmsError('unavailable', 'Alibaba Cloud SMS answered without Code', provider);
    throw new SmsError(aliyunErrorKind(body.code), `Alibaba Cloud SMS ${body.code}: ${body.message ?? ''}`, provider);
  }
}

function fromSdkError(err: unknown, AlibabaCloudError: (typeof OpenApiModule)['AlibabaCloudError']): SmsError {
  if (err instanceof AlibabaCloudError) {
    const provider = { name: 'aliyun' as const, code: err.code, requestId: err.requestId, httpStatus: err.statusCode };
    const kind = (err.statusCode ?? 0) >= 500 ? 'unavailable' : aliyunErrorKind(err.code);
    return new SmsError(kind, `Alibaba Cloud SMS ${err.code}: ${err.message}`, provider, { cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new SmsError('unavailable', `Alibaba Cloud SMS unreachable: ${message}`, { name: 'aliyun' }, { cause: err });
}

/** Alibaba Cloud's codes (SMS API error codes; OpenAPI common errors) by kind; anything else is `unavailable`. */
const ALIYUN_CODES: Record<Exclude<SmsErrorKind, 'unavailable'>, string[]> = {
  throttled: ['isv.BUSINESS_LIMIT_CONTROL', 'isv.DAY_LIMIT_CONTROL', 'isv.MONTH_LIMIT_CONTROL'],
  invalid_number: ['isv.MOBILE_NUMBER_ILLEGAL'],
  template_not_approved: [
    'isv.SMS_TEMPLATE_ILLEGAL',
    'isv.SMS_SIGNATURE_ILLEGAL',
    'isv.SMS_SIGNATURE_SCENE_ILLEGAL',
    'isv.SMS_SIGN_ILLEGAL',
    'isv.TEMPLATE_MISSING_PARAMETERS',
    'isv.TEMPLATE_PARAMS_ILLEGAL',
    'isv.INVALID_JSON_PARAM',
    'isv.PARAM_LENGTH_LIMIT',
  ],
  auth_failed: [
    'InvalidAccessKeyId.NotFound',
    'InvalidAccessKeyId.Inactive',
    'SignatureDoesNotMatch',
    'IncompleteSignature',
    'InvalidTimeStamp.Expired',
    'isp.RAM_PERMISSION_DENY',
    'isv.DENY_IP_RANGE',
  ],
  out_of_service: [
    'isv.OUT_OF_SERVICE',
    'isv.AMOUNT_NOT_ENOUGH',
    'isv.PRODUCT_UN_SUBSCRIPT',
    'isv.PRODUCT_UNSUBSCRIBE',
    'isv.ACCOUNT_NOT_EXISTS',
    'isv.ACCOUNT_ABNORMAL',
  ],
  rejected: ['isv.BLACK_KEY_CONTROL_LIMIT', 'isv.SMS_CONTENT_ILLEGAL', 'isv.PARAM_NOT_SUPPORT_URL'],
};
const ALIYUN_KIND = new Map(Object.entries(ALIYUN_CODES).flatMap(([kind, codes]) => codes.map((c) => [c, kind as SmsErrorKind])));

/** The kind of an Alibaba Cloud error code; `Throttling.*` (API flow control) and `Forbidden.*` (RAM) by prefix. */
export function aliyunErrorKind(code: string): SmsErrorKind {
  const known = ALIYUN_KIND.get(code);
  if (known) return known;
  if (code.startsWith('Throttling')) return 'throttled';
  if (code.startsWith('Forbidden') || code.startsWith('InvalidAccessKeyId')) return 'auth_failed';
  return 'unavailable';
}
