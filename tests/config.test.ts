import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

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
    const base = {
      NODE_ENV: 'production',
      JWT_SECRET: 'x'.repeat(40),
      WECHAT_MODE: 'live',
      WECHAT_APPID: 'a',
      WECHAT_SECRET: 's',
      SEED_DEMO: 'false',
    };
    expect(() => loadConfig(base)).not.toThrow();
    expect(() => loadConfig({ ...base, JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ ...base, JWT_SECRET: undefined })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ ...base, WECHAT_MODE: 'simulator' })).toThrow(/simulator/);
    expect(() => loadConfig({ ...base, SEED_DEMO: 'true' })).toThrow(/SEED_DEMO/);
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
