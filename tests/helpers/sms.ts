import { afterEach, beforeEach, expect } from 'vitest';
import type { AliyunSmsOptions } from '../../src/integrations/sms/aliyun.ts';
import type { TencentSmsOptions } from '../../src/integrations/sms/tencent.ts';
import { SmsError, type SmsSender } from '../../src/integrations/sms/types.ts';
import { FakeAliyunSms } from '../fakes/aliyun-sms.ts';
import type { FakeTencentSms } from '../fakes/tencent-sms.ts';
import { deadUrl } from './fakes.ts';

/** The number the SMS sender tests send to. */
export const PHONE = '+8613800000001';

/** The verification-code template each fake has approved. */
const TEMPLATE = { aliyun: 'SMS_470000001', tencent: '2000001' } as const;
const TIMEOUT_MS = 2000;

/** The SmsError a failed send throws (fails the test when the send succeeds). */
export async function sendError(p: Promise<unknown>): Promise<SmsError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SmsError);
  return err as SmsError;
}

/** What every provider's sender takes, as src/deps.ts builds it: sign name, template, endpoint, timeout. */
const common = (fake: FakeAliyunSms | FakeTencentSms, template: string) => ({
  signName: fake.signName,
  templates: { verification_code: template },
  endpoint: fake.url,
  timeoutMs: TIMEOUT_MS,
});

/** An Alibaba Cloud sender's options with `fake`'s credentials. */
export const aliyunOptions = (fake: FakeAliyunSms): AliyunSmsOptions => ({
  ...common(fake, TEMPLATE.aliyun),
  accessKeyId: fake.accessKeyId,
  accessKeySecret: fake.accessKeySecret,
  regionId: 'cn-hangzhou',
});

/** A Tencent Cloud sender's options with `fake`'s credentials. */
export const tencentOptions = (fake: FakeTencentSms): TencentSmsOptions => ({
  ...common(fake, TEMPLATE.tencent),
  secretId: fake.secretId,
  secretKey: fake.secretKey,
  smsSdkAppId: fake.smsSdkAppId,
  region: 'ap-guangzhou',
});

/** The environment of a tracehub sending through `fake` (config.ts's SMS_* variables). */
export function smsEnv(fake: FakeAliyunSms | FakeTencentSms): Record<string, string> {
  const common = { SMS_SIGN_NAME: fake.signName, SMS_ENDPOINT: fake.url, SMS_TIMEOUT_MS: String(TIMEOUT_MS) };
  if (fake instanceof FakeAliyunSms) {
    return {
      ...common,
      SMS_PROVIDER: 'aliyun',
      SMS_ALIYUN_ACCESS_KEY_ID: fake.accessKeyId,
      SMS_ALIYUN_ACCESS_KEY_SECRET: fake.accessKeySecret,
      SMS_TEMPLATE_VERIFICATION_CODE: TEMPLATE.aliyun,
    };
  }
  return {
    ...common,
    SMS_PROVIDER: 'tencent',
    SMS_TENCENT_SECRET_ID: fake.secretId,
    SMS_TENCENT_SECRET_KEY: fake.secretKey,
    SMS_TENCENT_SDK_APP_ID: fake.smsSdkAppId,
    SMS_TEMPLATE_VERIFICATION_CODE: TEMPLATE.tencent,
  };
}

/** One provider's sender against a fresh fake per test (its limits and forced failures must not leak between tests). */
export interface SenderUnderTest<F> {
  readonly fake: F;
  /** The sender with `change` over the options that point at the fake. */
  sender(change?: object): SmsSender;
  /** The SmsError of sending a code through `sender(change)`. */
  refusal(change?: object, phone?: string): Promise<SmsError>;
}

/** Registers the hooks that start and close a fresh `newFake()` around each test of the enclosing suite. */
export function eachTestSender<F extends FakeAliyunSms | FakeTencentSms, O>(
  newFake: () => F,
  options: (fake: F) => O,
  Sender: new (options: O) => SmsSender,
): SenderUnderTest<F> {
  let fake: F | undefined;
  beforeEach(async () => {
    fake = newFake();
    await fake.start();
  });
  afterEach(() => fake?.close());
  const s: SenderUnderTest<F> = {
    get fake() {
      if (!fake) throw new Error('the fake starts in beforeEach');
      return fake;
    },
    sender: (change = {}) => new Sender({ ...options(s.fake), ...change }),
    refusal: (change, phone = PHONE) => sendError(s.sender(change).send(phone, 'verification_code', { code: '1' })),
  };
  return s;
}

/**
 * The account's refusals, in order: a malformed number, another sign name, an unapproved template
 * (`otherTemplate`), then a second code to one number within the provider's limit; one message sent.
 */
export async function expectAccountRefusals(
  s: SenderUnderTest<FakeAliyunSms | FakeTencentSms>,
  otherTemplate: object,
  expected: Record<'number' | 'signName' | 'template' | 'limit', object>,
): Promise<void> {
  const sender = s.sender();
  expect(await sendError(sender.send('+86123', 'verification_code', { code: '1' }))).toMatchObject(expected.number);
  expect(await s.refusal({ signName: '别家' })).toMatchObject(expected.signName);
  expect(await s.refusal(otherTemplate)).toMatchObject(expected.template);
  await sender.send(PHONE, 'verification_code', { code: '1' });
  expect(await sendError(sender.send(PHONE, 'verification_code', { code: '2' }))).toMatchObject(expected.limit);
  expect(s.fake.messages).toHaveLength(1);
}

/** A refused connection and a timeout (the fake answering after 1.5 s, the sender waiting 200 ms) are unavailable; returns the timeout's error. */
export async function expectUnreachableUnavailable(s: SenderUnderTest<FakeAliyunSms | FakeTencentSms>): Promise<SmsError> {
  const refused = await s.refusal({ endpoint: await deadUrl() });
  expect(refused.kind).toBe('unavailable');
  s.fake.delayMs = 1500;
  const started = Date.now();
  const slow = await s.refusal({ timeoutMs: 200 });
  expect(slow.kind).toBe('unavailable');
  expect(Date.now() - started).toBeLessThan(1200);
  return slow;
}
