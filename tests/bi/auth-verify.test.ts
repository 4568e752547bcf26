import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { revokeToken } from '../../src/services/identity/principal.ts';
import { biCast } from '../factories.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

describe.each(DIALECTS)('BI token verification and user info on %s', (dialect) => {
  let t: TestApp;
  let who: Awaited<ReturnType<typeof biCast>>;
  beforeEach(async () => {
    t = await createTestApp(dialect);
    who = await biCast(t);
  });
  afterEach(() => t.close());

  const verify = (token: string, required_scope?: string | null) =>
    t.call('POST', '/api/v1/auth/verify', { body: { token, required_scope } });

  it('answers valid with the wire role and default scopes', async () => {
    const m = await verify(who.m1.token);
    expect(m.status).toBe(200);
    expect(m.body).toEqual({
      valid: true,
      user_id: String(who.m1.id),
      role: 'merchant',
      scopes: ['read', 'write'],
      delegated: false,
      error: null,
    });
    expect((await verify(who.admin.token)).body.role).toBe('admin');
    const c = await verify(who.customer.token);
    expect(c.body).toMatchObject({ valid: true, role: 'customer', scopes: ['read'] });
  });

  it('answers the spec error strings with 200 and valid:false', async () => {
    const expired = (await t.deps.tokens.issue({ sub: String(who.m1.id), role: 'factory_super_admin', family: 'admin', tep: 0 }, -10))
      .token;
    expect((await verify(expired)).body).toEqual({ valid: false, error: 'Token expired' });
    expect((await verify('garbage')).body).toEqual({ valid: false, error: 'Invalid token' });
    const tampered = `${who.m1.token.slice(0, -4)}AAAA`;
    expect((await verify(tampered)).body).toEqual({ valid: false, error: 'Invalid token' });
    const issued = await t.deps.tokens.issue({ sub: String(who.m1.id), role: 'factory_super_admin', family: 'admin', tep: 0 }, 600);
    await revokeToken(t.deps.db, { id: who.m1.id, jti: issued.jti, tokenExpiresAt: issued.expiresAt });
    const res = await verify(issued.token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ valid: false, error: 'Token blacklisted' });
  });

  it('checks required_scope', async () => {
    expect((await verify(who.m1.token, 'write')).body.valid).toBe(true);
    expect((await verify(who.m1.token, 'admin')).body).toEqual({ valid: false, error: 'Insufficient scope' });
    expect((await verify(who.admin.token, 'admin')).body.valid).toBe(true);
    const scoped = (
      await t.deps.tokens.issue({ sub: String(who.m1.id), role: 'x', family: 'bi', scope: 'read', client_id: 'bi-cli-prod', tep: 0 }, 600)
    ).token;
    expect((await verify(scoped)).body).toMatchObject({ valid: true, scopes: ['read'], delegated: true });
  });

  it('refuses malformed input in the raw envelope and rate-limits', async () => {
    const res = await t.call('POST', '/api/v1/auth/verify', { body: { nope: 1 } });
    expect(res.status).toBe(400);
    expectErrorEnvelope('bi', res.body);
    expect(res.headers.get('x-ratelimit-limit')).toBe('300');
  });

  it('GET /api/v1/users/me answers the bare user, with the merchant id of a merchant', async () => {
    const res = await t.call('GET', '/api/v1/users/me', { token: who.m1.token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: String(who.m1.id),
      email: 'm1owner@example.com',
      name: 'M1OWNER',
      role: 'merchant',
      is_active: true,
      created_at: '2024-01-15T10:30:00.000Z',
      merchant_id: 'M1',
    });
    const admin = await t.call('GET', '/api/v1/users/me', { token: who.admin.token });
    expect(admin.body.role).toBe('admin');
    expect(admin.body).not.toHaveProperty('merchant_id');
  });
});
