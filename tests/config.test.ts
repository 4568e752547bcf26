import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { estimateSecretBits, secretWeakness } from '../src/secret-strength.ts';
import { PRODUCTION, STRONG } from './helpers/env.ts';

const DEV_SECRET = 'tracehub-development-secret-do-not-use-in-production-0123456789';

/** The ConfigError's message loadConfig throws for `env`, or '' when it accepts it. */
function message(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
    return '';
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
}

describe('config', () => {
  it('has working development defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ NODE_ENV: 'development', WECHAT_MODE: 'simulator', ERP_MODE: 'embedded', SEED_DEMO: true });
    expect(Buffer.byteLength(c.JWT_SECRET)).toBeGreaterThanOrEqual(32);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('names every bad variable at once', () => {
    const err = (() => {
      try {
        loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', TIME_ZONE: 'Mars/Olympus' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    for (const name of ['PORT', 'LOG_LEVEL', 'TIME_ZONE']) expect(err?.message).toContain(name);
  });

  it('refuses production with a short secret, the WeChat simulator or demo seeding', () => {
    const base = PRODUCTION;
    expect(() => loadConfig(base)).not.toThrow();
    expect(() => loadConfig({ ...base, JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ ...base, JWT_SECRET: undefined })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ ...base, WECHAT_MODE: 'simulator' })).toThrow(/simulator/);
    expect(() => loadConfig({ ...base, SEED_DEMO: 'true' })).toThrow(/SEED_DEMO/);
  });

  it('refuses, in production, the development secret and short or low-entropy secrets, naming the variable', () => {
    const prod = PRODUCTION;
    expect(message(prod)).toBe('');
    expect(message({ ...prod, JWT_SECRET: DEV_SECRET })).toContain('JWT_SECRET: is the development secret');
    expect(loadConfig({}).JWT_SECRET).toBe(DEV_SECRET); // what the message above refers to
    expect(message({ ...prod, JWT_SECRET: 'Zt7Rk2bW8yLs5Pf' })).toMatch(/JWT_SECRET: is shorter than 32 bytes/);
    for (const weak of [
      'a'.repeat(64),
      'abcd'.repeat(16),
      '0123456789abcdef'.repeat(4),
      'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ',
      'Tr0ub4dor&3'.repeat(4),
    ]) {
      expect(message({ ...prod, JWT_SECRET: weak }), weak).toMatch(/JWT_SECRET: has too little entropy/);
    }
    // 32 hex characters are 32 bytes but only 128 random bits: refused; 64 are fine
    expect(message({ ...prod, JWT_SECRET: '9f86d081884c7d659a2feaa0c55ad015' })).toContain('JWT_SECRET: has too little entropy');
    expect(message({ ...prod, JWT_SECRET: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })).toBe('');
    // METRICS_TOKEN is tracehub's own secret too
    expect(message({ ...prod, METRICS_TOKEN: 'm'.repeat(40) })).toContain('METRICS_TOKEN: has too little entropy');
    expect(message({ ...prod, METRICS_TOKEN: STRONG })).toBe('');
    // development keeps accepting a long placeholder
    expect(() => loadConfig({ JWT_SECRET: 'x'.repeat(40) })).not.toThrow();
  });

  it('measures entropy on the repeating unit and on byte steps', () => {
    expect(estimateSecretBits('a'.repeat(100))).toBe(0);
    expect(estimateSecretBits('xyz'.repeat(30))).toBeLessThan(5);
    expect(estimateSecretBits(STRONG)).toBeGreaterThan(180);
    expect(secretWeakness(STRONG)).toBeNull();
  });

  it('reads an ES256 key pair and refuses unusable keys by name', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const spki = publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'k1' };
    expect(message({ JWT_PRIVATE_KEY: pem })).toBe('');
    expect(message({ JWT_PRIVATE_KEY: pem.replace(/\n/g, '\\n') })).toBe(''); // one-line with \n escapes
    expect(message({ JWT_PRIVATE_KEY: JSON.stringify(jwk), JWT_PUBLIC_KEYS: spki })).toBe('');
    expect(message({ JWT_PRIVATE_KEY: 'not a key' })).toContain('JWT_PRIVATE_KEY: is not a private key');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(message({ JWT_PRIVATE_KEY: rsa })).toContain('JWT_PRIVATE_KEY: must be an EC P-256 key');
    expect(message({ JWT_PRIVATE_KEY: pem, JWT_PUBLIC_KEYS: JSON.stringify({ keys: [jwk] }) })).toContain(
      'JWT_PUBLIC_KEYS: holds a private key',
    );
    expect(message({ JWT_PUBLIC_KEYS: spki })).toContain('JWT_PUBLIC_KEYS/JWT_KEY_ID: only used with JWT_PRIVATE_KEY');
  });

  it('refuses an SMS provider with missing settings, naming each missing variable', () => {
    const prod = PRODUCTION;
    const aliyun = message({ ...prod, SMS_PROVIDER: 'aliyun', SMS_ALIYUN_ACCESS_KEY_ID: 'LTAI5t' });
    for (const name of ['SMS_ALIYUN_ACCESS_KEY_SECRET', 'SMS_SIGN_NAME', 'SMS_TEMPLATE_VERIFICATION_CODE'])
      expect(aliyun).toContain(`${name}: required`);
    expect(aliyun).not.toContain('SMS_ALIYUN_ACCESS_KEY_ID');
    const tencent = message({ ...prod, SMS_PROVIDER: 'tencent', SMS_SIGN_NAME: '白垩纪溯源' });
    for (const name of ['SMS_TENCENT_SECRET_ID', 'SMS_TENCENT_SECRET_KEY', 'SMS_TENCENT_SDK_APP_ID', 'SMS_TEMPLATE_VERIFICATION_CODE']) {
      expect(tencent).toContain(`${name}: required when SMS_PROVIDER=tencent`);
    }
    expect(tencent).not.toMatch(/SMS_SIGN_NAME|ALIYUN/);
    const complete = {
      ...prod,
      SMS_PROVIDER: 'tencent',
      SMS_TENCENT_SECRET_ID: 'AKID',
      SMS_TENCENT_SECRET_KEY: 'k',
      SMS_TENCENT_SDK_APP_ID: '1400000001',
      SMS_SIGN_NAME: '白垩纪溯源',
      SMS_TEMPLATE_VERIFICATION_CODE: '2000001',
    };
    expect(loadConfig(complete)).toMatchObject({ SMS_PROVIDER: 'tencent', SMS_REGION: 'ap-guangzhou' });
    expect(loadConfig(complete).SMS_ENDPOINT).toBeUndefined();
    expect(loadConfig({})).toMatchObject({ SMS_PROVIDER: 'log', SMS_REGION: 'cn-hangzhou' });
    expect(message({ ...complete, SMS_ENDPOINT: 'http://127.0.0.1:9000/v1' })).toContain('SMS_ENDPOINT');
    expect(message({ ...complete, SMS_ENDPOINT: 'ftp://127.0.0.1' })).toContain('SMS_ENDPOINT');
    expect(loadConfig({ ...complete, SMS_ENDPOINT: 'http://127.0.0.1:9000' }).SMS_ENDPOINT).toBe('http://127.0.0.1:9000');
  });

  it('parses the order-status notification settings and refuses bad ones by name', () => {
    expect(loadConfig({})).toMatchObject({
      ORDER_NOTIFY_ENABLED: true,
      ORDER_NOTIFY_INTERVAL_MS: 30_000,
      WECHAT_ORDER_TEMPLATE_ID: '',
      WECHAT_ORDER_TEMPLATE_KEYS: ['character_string1', 'phrase2', 'time3', 'thing4'],
    });
    const c = loadConfig({
      ORDER_NOTIFY_ENABLED: 'false',
      ORDER_NOTIFY_INTERVAL_MS: '5000',
      WECHAT_ORDER_TEMPLATE_KEYS: 'character_string9, phrase1,date2,thing7',
    });
    expect(c).toMatchObject({ ORDER_NOTIFY_ENABLED: false, ORDER_NOTIFY_INTERVAL_MS: 5000 });
    expect(c.WECHAT_ORDER_TEMPLATE_KEYS).toEqual(['character_string9', 'phrase1', 'date2', 'thing7']);
    expect(() => loadConfig({ WECHAT_ORDER_TEMPLATE_KEYS: 'thing1,thing2' })).toThrow(/WECHAT_ORDER_TEMPLATE_KEYS/);
    expect(() => loadConfig({ ORDER_NOTIFY_INTERVAL_MS: '0' })).toThrow(/ORDER_NOTIFY_INTERVAL_MS/);
    expect(() => loadConfig({ ORDER_NOTIFY_ENABLED: 'maybe' })).toThrow(/ORDER_NOTIFY_ENABLED/);
  });
});
