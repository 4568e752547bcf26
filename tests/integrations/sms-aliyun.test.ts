import { describe, expect, it } from 'vitest';
import { AliyunSmsSender } from '../../src/integrations/sms/aliyun.ts';
import type { SmsErrorKind } from '../../src/integrations/sms/types.ts';
import { FakeAliyunSms } from '../fakes/aliyun-sms.ts';
import { aliyunOptions, eachTestSender, expectAccountRefusals, expectUnreachableUnavailable, PHONE } from '../helpers/sms.ts';

describe('Alibaba Cloud SMS sender against a fake Dysmsapi', () => {
  const s = eachTestSender(() => new FakeAliyunSms(), aliyunOptions, AliyunSmsSender);

  it('sends the template with its variables through a signed SendSms and returns the BizId', async () => {
    const { messageId } = await s.sender().send(PHONE, 'verification_code', { code: '042517' });
    expect(s.fake.messages).toEqual([
      { phone: PHONE, signName: '白垩纪溯源', templateCode: 'SMS_470000001', params: { code: '042517' }, bizId: messageId },
    ]);
    const req = s.fake.requests[0]!;
    expect(req.headers['x-acs-action']).toBe('SendSms');
    expect(String(req.headers.authorization)).toMatch(/^ACS3-HMAC-SHA256 Credential=LTAI5tFakeAccessKeyId01,/);
    expect(req.query.get('TemplateParam')).toBe('{"code":"042517"}');
  });

  it.each<[string, { accessKeyId?: string; accessKeySecret?: string }, string, number]>([
    ['an unknown access key', { accessKeyId: 'LTAI5tSomebodyElse' }, 'InvalidAccessKeyId.NotFound', 404],
    ['a wrong secret', { accessKeySecret: 'not-the-secret' }, 'SignatureDoesNotMatch', 400],
  ])('refuses %s as auth_failed (%s, HTTP %i)', async (_, creds, code, status) => {
    const err = await s.refusal(creds);
    expect(err).toMatchObject({ kind: 'auth_failed', provider: { name: 'aliyun', code, httpStatus: status } });
    expect(s.fake.messages).toHaveLength(0);
  });

  it('maps what the account refuses: number, sign name, template, the per-minute limit', async () => {
    await expectAccountRefusals(
      s,
      { templates: { verification_code: 'SMS_999' } },
      {
        number: { kind: 'invalid_number', provider: { code: 'isv.MOBILE_NUMBER_ILLEGAL' } },
        signName: { kind: 'template_not_approved', provider: { code: 'isv.SMS_SIGNATURE_ILLEGAL' } },
        template: { kind: 'template_not_approved', provider: { code: 'isv.SMS_TEMPLATE_ILLEGAL' } },
        limit: { kind: 'throttled', provider: { code: 'isv.BUSINESS_LIMIT_CONTROL', httpStatus: 200 } },
      },
    );
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
    s.fake.failNext = status ? { code, status } : { code };
    const err = await s.refusal();
    expect(err.kind).toBe(kind);
    expect(err.provider).toMatchObject({ name: 'aliyun', code, httpStatus: status ?? 200 });
    expect(err.provider.requestId).toMatch(/^[0-9A-F-]{36}$/);
  });

  it('reports a refused connection and a timeout as unavailable', async () => {
    const slow = await expectUnreachableUnavailable(s);
    expect(slow.message).toMatch(/timeout/i);
  });
});
