import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFactory } from '../factories.ts';
import { FakeTencentSms } from '../fakes/tencent-sms.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { deadUrl, startedForSuite } from '../helpers/fakes.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';
import { smsEnv } from '../helpers/sms.ts';

describe.each(DIALECTS)('POST /api/mobile/auth/send-verification through Tencent Cloud SMS on %s', (dialect) => {
  const fake = startedForSuite(new FakeTencentSms());
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect, { env: smsEnv(fake) });
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
    t = await createTestApp(dialect, { env: { ...smsEnv(fake), SMS_ENDPOINT: await deadUrl() } });
    await makeFactory(t, 'FS_2024_001');
    const res = await send(await whitelisted());
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
  });
});
