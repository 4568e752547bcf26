import { describe, expect, it } from 'vitest';
import { type TencentSmsOptions, TencentSmsSender } from '../../src/integrations/sms/tencent.ts';
import type { SmsErrorKind } from '../../src/integrations/sms/types.ts';
import { FakeTencentSms } from '../fakes/tencent-sms.ts';
import { eachTestSender, expectAccountRefusals, expectUnreachableUnavailable, PHONE, tencentOptions } from '../helpers/sms.ts';

describe('Tencent Cloud SMS sender against a fake API 3.0 endpoint', () => {
  const s = eachTestSender(() => new FakeTencentSms(), tencentOptions, TencentSmsSender);

  it('sends the template with its variables in order through a signed SendSms and returns the SerialNo', async () => {
    const { messageId } = await s.sender().send(PHONE, 'verification_code', { code: '042517' });
    expect(s.fake.messages).toEqual([
      { phone: PHONE, smsSdkAppId: '1400000001', signName: '白垩纪溯源', templateId: '2000001', params: ['042517'], serialNo: messageId },
    ]);
    const req = s.fake.requests[0]!;
    expect(req.headers).toMatchObject({ 'x-tc-action': 'SendSms', 'x-tc-version': '2021-01-11', 'x-tc-region': 'ap-guangzhou' });
    expect(String(req.headers.authorization)).toMatch(/^TC3-HMAC-SHA256 Credential=AKIDfakeTencentSecretId000000000\/\d{4}-\d{2}-\d{2}\//);
  });

  it.each<[string, Partial<TencentSmsOptions>, string, SmsErrorKind]>([
    ['an unknown SecretId', { secretId: 'AKIDsomebodyElse' }, 'AuthFailure.SecretIdNotFound', 'auth_failed'],
    ['a wrong SecretKey', { secretKey: 'not-the-key' }, 'AuthFailure.SignatureFailure', 'auth_failed'],
    ['another SdkAppId', { smsSdkAppId: '1400999999' }, 'UnauthorizedOperation.SmsSdkAppIdVerifyFail', 'auth_failed'],
    ['an unsupported region', { region: 'ap-tokyo' }, 'UnsupportedRegion', 'unavailable'],
  ])('refuses %s in Response.Error (%s)', async (_, change, code, kind) => {
    const err = await s.refusal(change);
    expect(err).toMatchObject({ kind, provider: { name: 'tencent', code } });
    expect(err.provider.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(s.fake.messages).toHaveLength(0);
  });

  it('maps the per-number SendStatusSet codes of an HTTP 200 answer: number, sign name, template, the 30 s limit', async () => {
    await expectAccountRefusals(
      s,
      { templates: { verification_code: '9999' } },
      {
        number: { kind: 'invalid_number', provider: { code: 'InvalidParameterValue.IncorrectPhoneNumber', httpStatus: 200 } },
        signName: { kind: 'template_not_approved', provider: { code: 'FailedOperation.SignatureIncorrectOrUnapproved' } },
        template: { kind: 'template_not_approved', provider: { code: 'FailedOperation.TemplateIncorrectOrUnapproved' } },
        limit: { kind: 'throttled', provider: { code: 'LimitExceeded.PhoneNumberThirtySecondLimit' } },
      },
    );
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
    s.fake.failNext = { code, scope };
    const err = await s.refusal();
    expect(err.kind).toBe(kind);
    expect(err.provider).toMatchObject({ name: 'tencent', code });
  });

  it('reports a gateway error, a refused connection and a timeout as unavailable', async () => {
    s.fake.failNext = { code: '', httpStatus: 502 };
    const gateway = await s.refusal();
    expect(gateway).toMatchObject({ kind: 'unavailable', provider: { name: 'tencent', httpStatus: 502 } });
    await expectUnreachableUnavailable(s);
    expect(s.fake.messages).toHaveLength(0);
  });
});
