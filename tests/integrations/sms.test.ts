import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AliyunSmsOptions, AliyunSmsSender } from '../../src/integrations/sms/aliyun.ts';
import { type TencentSmsOptions, TencentSmsSender } from '../../src/integrations/sms/tencent.ts';
import { SmsError, type SmsErrorKind } from '../../src/integrations/sms/types.ts';
import { makeFactory } from '../factories.ts';
import { FakeAliyunSms } from '../fakes/aliyun-sms.ts';
import { startFakeServer } from '../fakes/http.ts';
import { FakeTencentSms } from '../fakes/tencent-sms.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

const PHONE = '+8613800000001';

/** The SmsError a failed send throws (fails the test when the send succeeds). */
async function sendError(p: Promise<unknown>): Promise<SmsError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SmsError);
  return err as SmsError;
}

/** A URL on 127.0.0.1 where nothing listens any more. */
async function deadUrl(): Promise<string> {
  const s = await startFakeServer(() => undefined);
  await s.close();
  return s.url;
}

describe('Alibaba Cloud SMS sender against a fake Dysmsapi', () => {
  let fake: FakeAliyunSms;
  let opts: AliyunSmsOptions;
  beforeEach(async () => {
    fake = await new FakeAliyunSms().start();
    opts = {
      accessKeyId: fake.accessKeyId,
      accessKeySecret: fake.accessKeySecret,
      regionId: 'cn-hangzhou',
      signName: fake.signName,
      templates: { verification_code: 'SMS_470000001' },
      endpoint: fake.url,
      timeoutMs: 2000,
    };
  });
  afterEach(() => fake.close());

  it('sends the template with its variables through a signed SendSms and returns the BizId', async () => {
    const { messageId } = await new AliyunSmsSender(opts).send(PHONE, 'verification_code', { code: '042517' });
    expect(fake.messages).toEqual([
      { phone: PHONE, signName: '白垩纪溯源', templateCode: 'SMS_470000001', params: { code: '042517' }, bizId: messageId },
    ]);
    const req = fake.requests[0]!;
    expect(req.headers['x-acs-action']).toBe('SendSms');
    expect(String(req.headers.authorization)).toMatch(/^ACS3-HMAC-SHA256 Credential=LTAI5tFakeAccessKeyId01,/);
    expect(req.query.get('TemplateParam')).toBe('{"code":"042517"}');
  });

  it.each<[string, { accessKeyId?: string; accessKeySecret?: string }, string, number]>([
    ['an unknown access key', { accessKeyId: 'LTAI5tSomebodyElse' }, 'InvalidAccessKeyId.NotFound', 404],
    ['a wrong secret', { accessKeySecret: 'not-the-secret' }, 'SignatureDoesNotMatch', 400],
  ])('refuses %s as auth_failed (%s, HTTP %i)', async (_, creds, code, status) => {
    const err = await sendError(new AliyunSmsSender({ ...opts, ...creds }).send(PHONE, 'verification_code', { code: '1' }));
    expect(err).toMatchObject({ kind: 'auth_failed', provider: { name: 'aliyun', code, httpStatus: status } });
    expect(fake.messages).toHaveLength(0);
  });

  it('maps what the account refuses: number, sign name, template, the per-minute limit', async () => {
    const sender = new AliyunSmsSender(opts);
    expect(await sendError(sender.send('+86123', 'verification_code', { code: '1' }))).toMatchObject({
      kind: 'invalid_number',
      provider: { code: 'isv.MOBILE_NUMBER_ILLEGAL' },
    });
    expect(
      await sendError(new AliyunSmsSender({ ...opts, signName: '别家' }).send(PHONE, 'verification_code', { code: '1' })),
    ).toMatchObject({
      kind: 'template_not_approved',
      provider: { code: 'isv.SMS_SIGNATURE_ILLEGAL' },
    });
    const otherTemplate = new AliyunSmsSender({ ...opts, templates: { verification_code: 'SMS_999' } });
    expect(await sendError(otherTemplate.send(PHONE, 'verification_code', { code: '1' }))).toMatchObject({
      kind: 'template_not_approved',
      provider: { code: 'isv.SMS_TEMPLATE_ILLEGAL' },
    });
    await sender.send(PHONE, 'verification_code', { code: '1' });
    const again = await sendError(sender.send(PHONE, 'verification_code', { code: '2' }));
    expect(again).toMatchObject({ kind: 'throttled', provider: { code: 'isv.BUSINESS_LIMIT_CONTROL', httpStatus: 200 } });
    expect(fake.messages).toHaveLength(1);
  });

  it.each<[string, number | undefined, SmsErrorKind]>([
    ['isv.BUSINESS_LIMIT_CONTROL', undefined, 'throttled'],
    ['isv.DAY_LIMIT_CONTROL', undefined, 'throttled'],
    ['Throttling.User', 400, 'throttled'],
    ['isv.TEMPLATE_MISSING_PARAMETERS', undefined, 'template_not_approved'],
    ['isp.RAM_PERMISSION_DENY', undefined, 'auth_failed'],
    ['Forbidden.RAM', 403, 'auth_failed'],
    ['isv.OUT_OF_SERVICE', undefined, 'out_of_service'],
    ['isv.AMOUNT_NOT_ENOUGH', undefined, 'out_of_service'],
    ['isv.BLACK_KEY_CONTROL_LIMIT', undefined, 'rejected'],
    ['isp.SYSTEM_ERROR', undefined, 'unavailable'],
    ['ServiceUnavailable', 503, 'unavailable'],
  ])('maps %s (HTTP %s) to %s', async (code, status, kind) => {
    fake.failNext = status ? { code, status } : { code };
    const err = await sendError(new AliyunSmsSender(opts).send(PHONE, 'verification_code', { code: '1' }));
    expect(err.kind).toBe(kind);
    expect(err.provider).toMatchObject({ name: 'aliyun', code, httpStatus: status ?? 200 });
    expect(err.provider.requestId).toMatch(/^[0-9A-F-]{36}$/);
  });

  it('reports a refused connection and a timeout as unavailable', async () => {
    const refused = await sendError(
      new AliyunSmsSender({ ...opts, endpoint: await deadUrl() }).send(PHONE, 'verification_code', { code: '1' }),
    );
    expect(refused.kind).toBe('unavailable');
    fake.delayMs = 1500;
    const started = Date.now();
    const slow = await sendError(new AliyunSmsSender({ ...opts, timeoutMs: 200 }).send(PHONE, 'verification_code', { code: '1' }));
    expect(slow.kind).toBe('unavailable');
    expect(slow.message).toMatch(/timeout/i);
    expect(Date.now() - started).toBeLessThan(1200);
  });
});

describe('Tencent Cloud SMS sender against a fake API 3.0 endpoint', () => {
  let fake: FakeTencentSms;
  let opts: TencentSmsOptions;
  beforeEach(async () => {
    fake = await new FakeTencentSms().start();
    opts = {
      secretId: fake.secretId,
      secretKey: fake.secretKey,
      region: 'ap-guangzhou',
      smsSdkAppId: fake.smsSdkAppId,
      signName: fake.signName,
      templates: { verification_code: '2000001' },
      endpoint: fake.url,
      timeoutMs: 2000,
    };
  });
  afterEach(() => fake.close());

  it('sends the template with its variables in order through a signed SendSms and returns the SerialNo', async () => {
    const { messageId } = await new TencentSmsSender(opts).send(PHONE, 'verification_code', { code: '042517' });
    expect(fake.messages).toEqual([
      { phone: PHONE, smsSdkAppId: '1400000001', signName: '白垩纪溯源', templateId: '2000001', params: ['042517'], serialNo: messageId },
    ]);
    const req = fake.requests[0]!;
    expect(req.headers).toMatchObject({ 'x-tc-action': 'SendSms', 'x-tc-version': '2021-01-11', 'x-tc-region': 'ap-guangzhou' });
    expect(String(req.headers.authorization)).toMatch(/^TC3-HMAC-SHA256 Credential=AKIDfakeTencentSecretId000000000\/\d{4}-\d{2}-\d{2}\//);
  });

  it.each<[string, Partial<TencentSmsOptions>, string, SmsErrorKind]>([
    ['an unknown SecretId', { secretId: 'AKIDsomebodyElse' }, 'AuthFailure.SecretIdNotFound', 'auth_failed'],
    ['a wrong SecretKey', { secretKey: 'not-the-key' }, 'AuthFailure.SignatureFailure', 'auth_failed'],
    ['another SdkAppId', { smsSdkAppId: '1400999999' }, 'UnauthorizedOperation.SmsSdkAppIdVerifyFail', 'auth_failed'],
    ['an unsupported region', { region: 'ap-tokyo' }, 'UnsupportedRegion', 'unavailable'],
  ])('refuses %s in Response.Error (%s)', async (_, change, code, kind) => {
    const err = await sendError(new TencentSmsSender({ ...opts, ...change }).send(PHONE, 'verification_code', { code: '1' }));
    expect(err).toMatchObject({ kind, provider: { name: 'tencent', code } });
    expect(err.provider.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(fake.messages).toHaveLength(0);
  });

  it('maps the per-number SendStatusSet codes of an HTTP 200 answer: number, sign name, template, the 30 s limit', async () => {
    const sender = new TencentSmsSender(opts);
    expect(await sendError(sender.send('+86123', 'verification_code', { code: '1' }))).toMatchObject({
      kind: 'invalid_number',
      provider: { code: 'InvalidParameterValue.IncorrectPhoneNumber', httpStatus: 200 },
    });
    expect(
      await sendError(new TencentSmsSender({ ...opts, signName: '别家' }).send(PHONE, 'verification_code', { code: '1' })),
    ).toMatchObject({
      kind: 'template_not_approved',
      provider: { code: 'FailedOperation.SignatureIncorrectOrUnapproved' },
    });
    const otherTemplate = new TencentSmsSender({ ...opts, templates: { verification_code: '9999' } });
    expect(await sendError(otherTemplate.send(PHONE, 'verification_code', { code: '1' }))).toMatchObject({
      kind: 'template_not_approved',
      provider: { code: 'FailedOperation.TemplateIncorrectOrUnapproved' },
    });
    await sender.send(PHONE, 'verification_code', { code: '1' });
    expect(await sendError(sender.send(PHONE, 'verification_code', { code: '2' }))).toMatchObject({
      kind: 'throttled',
      provider: { code: 'LimitExceeded.PhoneNumberThirtySecondLimit' },
    });
    expect(fake.messages).toHaveLength(1);
  });

  it.each<[string, 'status' | 'request', SmsErrorKind]>([
    ['LimitExceeded.PhoneNumberDailyLimit', 'status', 'throttled'],
    ['LimitExceeded.AppDailyLimit', 'status', 'throttled'],
    ['RequestLimitExceeded', 'request', 'throttled'],
    ['FailedOperation.TemplateParamSetNotMatchApprovedTemplate', 'status', 'template_not_approved'],
    ['AuthFailure.SignatureExpire', 'request', 'auth_failed'],
    ['FailedOperation.InsufficientBalanceInSmsPackage', 'status', 'out_of_service'],
    ['UnauthorizedOperation.ServiceSuspendDueToArrears', 'request', 'out_of_service'],
    ['FailedOperation.PhoneNumberInBlacklist', 'status', 'rejected'],
    ['FailedOperation.ContainSensitiveWord', 'status', 'rejected'],
    ['InternalError.Timeout', 'status', 'unavailable'],
    ['InternalError', 'request', 'unavailable'],
  ])('maps %s (in %s) to %s', async (code, scope, kind) => {
    fake.failNext = { code, scope };
    const err = await sendError(new TencentSmsSender(opts).send(PHONE, 'verification_code', { code: '1' }));
    expect(err.kind).toBe(kind);
    expect(err.provider).toMatchObject({ name: 'tencent', code });
  });

  it('reports a gateway error, a refused connection and a timeout as unavailable', async () => {
    fake.failNext = { code: '', httpStatus: 502 };
    const gateway = await sendError(new TencentSmsSender(opts).send(PHONE, 'verification_code', { code: '1' }));
    expect(gateway).toMatchObject({ kind: 'unavailable', provider: { name: 'tencent', httpStatus: 502 } });
    const refused = await sendError(
      new TencentSmsSender({ ...opts, endpoint: await deadUrl() }).send(PHONE, 'verification_code', { code: '1' }),
    );
    expect(refused.kind).toBe('unavailable');
    fake.delayMs = 1500;
    const started = Date.now();
    const slow = await sendError(new TencentSmsSender({ ...opts, timeoutMs: 200 }).send(PHONE, 'verification_code', { code: '1' }));
    expect(slow.kind).toBe('unavailable');
    expect(Date.now() - started).toBeLessThan(1200);
    expect(fake.messages).toHaveLength(0);
  });
});

describe.each(DIALECTS)('POST /api/mobile/auth/send-verification through Tencent Cloud SMS on %s', (dialect) => {
  let fake: FakeTencentSms;
  let t: TestApp;
  beforeAll(async () => {
    fake = await new FakeTencentSms().start();
  });
  afterAll(() => fake.close());
  beforeEach(async () => {
    t = await createTestApp(dialect, { env: tencentEnv(fake) });
    await makeFactory(t, 'FS_2024_001');
  });
  afterEach(() => t.close());

  let n = 0;
  /** A fresh whitelisted number (the fake's 30 s limit spans tests). */
  async function whitelisted(): Promise<string> {
    const phone = `+86139${String(Date.now() % 1e5).padStart(5, '0')}${String(n++ % 1000).padStart(3, '0')}`;
    await t.deps.db
      .insertInto('phone_whitelist')
      .values({ factory_id: 'FS_2024_001', phone, expires_at: null, created_by: null, created_at: Date.now() })
      .execute();
    return phone;
  }
  const send = (phone: string) =>
    t.call('POST', '/api/mobile/auth/send-verification', { body: { phoneNumber: phone, verificationType: 'registration' } });

  it('delivers the code as the template variable, and that code verifies the phone', async () => {
    const phone = await whitelisted();
    const res = await send(phone);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, expiresIn: 300, resendAfter: 60 });
    const code = fake.lastCode(phone);
    expect(code).toMatch(/^\d{6}$/);
    expect(fake.messages.at(-1)).toMatchObject({ phone, templateId: '2000001', signName: fake.signName });
    const p1 = await t.call('POST', '/api/mobile/auth/register-phase-one', { body: { phoneNumber: phone, verificationCode: code } });
    expect(p1.status).toBe(200);
    expect(p1.body).toMatchObject({ success: true, factoryId: 'FS_2024_001' });
  });

  it.each<[string, 'status' | 'request', number, string]>([
    ['LimitExceeded.PhoneNumberDailyLimit', 'status', 429, 'RATE_LIMITED'],
    ['InvalidParameterValue.IncorrectPhoneNumber', 'status', 400, 'VALIDATION_ERROR'],
    ['FailedOperation.TemplateIncorrectOrUnapproved', 'status', 503, 'SERVICE_UNAVAILABLE'],
    ['AuthFailure.SignatureFailure', 'request', 503, 'SERVICE_UNAVAILABLE'],
  ])('answers %s (in %s) with HTTP %i %s, and keeps no code', async (code, scope, status, mobileCode) => {
    const phone = await whitelisted();
    fake.failNext = { code, scope };
    const res = await send(phone);
    expect(res.status).toBe(status);
    expectErrorEnvelope('mobile', res.body);
    expect(res.body.code).toBe(mobileCode);
    if (status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    if (status === 400) expect(res.body.details).toEqual([{ field: 'phoneNumber', message: expect.any(String) }]);
    const rows = await t.deps.db.selectFrom('sms_codes').select('id').where('phone', '=', phone).execute();
    expect(rows).toHaveLength(0);
    // nothing was spent: the next try goes out at once
    expect((await send(phone)).status).toBe(200);
    expect(fake.messages.filter((m) => m.phone === phone)).toHaveLength(1);
  });

  it('answers 503 when the provider cannot be reached', async () => {
    await t.close();
    t = await createTestApp(dialect, { env: { ...tencentEnv(fake), SMS_ENDPOINT: await deadUrl() } });
    await makeFactory(t, 'FS_2024_001');
    const res = await send(await whitelisted());
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
  });
});

/** The environment of a tracehub sending through `fake`. */
function tencentEnv(fake: FakeTencentSms): Record<string, string> {
  return {
    SMS_PROVIDER: 'tencent',
    SMS_TENCENT_SECRET_ID: fake.secretId,
    SMS_TENCENT_SECRET_KEY: fake.secretKey,
    SMS_TENCENT_SDK_APP_ID: fake.smsSdkAppId,
    SMS_SIGN_NAME: fake.signName,
    SMS_TEMPLATE_VERIFICATION_CODE: '2000001',
    SMS_ENDPOINT: fake.url,
    SMS_TIMEOUT_MS: '2000',
  };
}
