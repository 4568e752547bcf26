import { afterEach, describe, expect, it, vi } from 'vitest';
import { TokenService } from '../../src/services/identity/tokens.ts';

const config = { JWT_SECRET: 'token-cache-secret-token-cache-secret-0123456789', JWT_ISSUER: 'tracehub', JWT_AUDIENCE: 'tracehub-api' };

// a verified token is remembered by its string until exp: never past it, never for another string
describe('TokenService verified-token memory', () => {
  afterEach(() => vi.useRealTimers());

  it('answers a known token from memory until it expires, then Token expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const tokens = new TokenService(config);
    const { token } = await tokens.issue({ sub: '7', role: 'wechat_customer', family: 'mini', tep: 0 }, 60);
    const first = await tokens.verify(token);
    expect(await tokens.verify(token)).toBe(first);
    vi.setSystemTime(first.exp - 1);
    expect((await tokens.verify(token)).sub).toBe('7');
    vi.setSystemTime(first.exp);
    await expect(tokens.verify(token)).rejects.toThrow('Token expired');
  });

  it('still refuses a tampered or foreign token once the genuine one is known', async () => {
    const tokens = new TokenService(config);
    const { token } = await tokens.issue({ sub: '7', role: 'wechat_customer', family: 'mini', tep: 0 }, 60);
    await tokens.verify(token);
    await expect(tokens.verify(`${token.slice(0, -4)}AAAA`)).rejects.toThrow('Invalid token');
    const other = new TokenService({ ...config, JWT_SECRET: `${config.JWT_SECRET}x` });
    await expect(other.verify(token)).rejects.toThrow('Invalid token');
  });
});
