import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet, jwtVerify, SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { TokenService } from '../../src/services/identity/tokens.ts';
import { makeUser, PASSWORD } from '../factories.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

const pem = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const ISS = { JWT_ISSUER: 'tracehub', JWT_AUDIENCE: 'tracehub-api', JWT_SECRET: 'unused-under-es256-unused-under-es256' };

/** Issue 13 item 3: ES256 access tokens, their public keys at /.well-known/jwks.json, and spec 004's verify. */
describe.each(DIALECTS)('ES256 and the JWKS on %s', (dialect) => {
  let t: TestApp;
  afterEach(() => t.close());

  async function merchant() {
    await makeUser(t, { username: 'm1owner', factoryId: 'M1' });
    const login = await t.call('POST', '/api/login', { body: { username: 'm1owner', password: PASSWORD } });
    expect(login.status, login.text).toBe(200);
    return login.body.data.token as string;
  }
  const verify = (token: string) => t.call('POST', '/api/v1/auth/verify', { body: { token } });

  it('publishes the ES256 public key and signs with it; the token verifies offline and through /api/v1/auth/verify', async () => {
    t = await createTestApp(dialect, { env: { JWT_PRIVATE_KEY: pem(), JWT_KEY_ID: 'k-2026-12' } });
    const res = await t.call('GET', '/.well-known/jwks.json');
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.body.keys).toHaveLength(1);
    const [key] = res.body.keys;
    expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', kid: 'k-2026-12', alg: 'ES256', use: 'sig' });

    const token = await merchant();
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', typ: 'JWT', kid: 'k-2026-12' });
    // a service holding only the published keys verifies the token without any shared secret
    const offline = await jwtVerify(token, createLocalJWKSet(res.body as JSONWebKeySet), { issuer: 'tracehub', audience: 'tracehub-api' });
    expect(offline.payload.family).toBe('admin');
    expect((await verify(token)).body).toMatchObject({ valid: true, role: 'merchant', delegated: false });
    expect((await t.call('GET', '/api/users/me', { token })).status).toBe(200);
  });

  it('refuses HS256 tokens, unknown kids and look-alike keys when ES256 is configured', async () => {
    t = await createTestApp(dialect, { env: { JWT_PRIVATE_KEY: pem(), JWT_KEY_ID: 'current' } });
    await merchant();
    const claims = { sub: '1', role: 'factory_super_admin', family: 'admin', tep: 0 };
    const hs256 = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('tracehub')
      .setAudience('tracehub-api')
      .setJti('j1')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(t.config.JWT_SECRET));
    const stranger = new TokenService({ ...ISS, JWT_PRIVATE_KEY: pem(), JWT_KEY_ID: 'elsewhere' });
    const impostor = new TokenService({ ...ISS, JWT_PRIVATE_KEY: pem(), JWT_KEY_ID: 'current' });
    for (const token of [
      hs256,
      (await stranger.issue({ ...claims, family: 'admin' }, 600)).token,
      (await impostor.issue({ ...claims, family: 'admin' }, 600)).token,
    ]) {
      expect((await verify(token)).body).toEqual({ valid: false, error: 'Invalid token' });
      const me = await t.call('GET', '/api/users/me', { token });
      expect(me.status).toBe(401);
      expect(me.headers.get('www-authenticate')).toContain('error="invalid_token"');
    }
  });

  it('keeps verifying tokens of a key being rotated out, listed in JWT_PUBLIC_KEYS', async () => {
    const old = pem();
    const oldTokens = new TokenService({ ...ISS, JWT_PRIVATE_KEY: old, JWT_KEY_ID: 'old' });
    t = await createTestApp(dialect, {
      env: { JWT_PRIVATE_KEY: pem(), JWT_KEY_ID: 'new', JWT_PUBLIC_KEYS: JSON.stringify({ keys: [{ ...oldTokens.jwks().keys[0] }] }) },
    });
    await merchant();
    const jwks = await t.call('GET', '/.well-known/jwks.json');
    expect(jwks.body.keys.map((k: { kid: string }) => k.kid)).toEqual(['new', 'old']);
    const token = (await oldTokens.issue({ sub: '1', role: 'factory_super_admin', fid: 'M1', family: 'admin', tep: 0 }, 600)).token;
    expect((await verify(token)).body).toMatchObject({ valid: true, user_id: '1' });
    // the same key as SPKI PEM, its kid then being its RFC 7638 thumbprint
    const spki = createPublicKey(old).export({ type: 'spki', format: 'pem' }) as string;
    const byPem = new TokenService({ ...ISS, JWT_PRIVATE_KEY: pem(), JWT_PUBLIC_KEYS: spki });
    expect(byPem.jwks().keys[1]).toMatchObject({ x: oldTokens.jwks().keys[0]?.x, alg: 'ES256', use: 'sig' });
  });

  it('under HS256 publishes no key and refuses an ES256 token whatever its kid', async () => {
    t = await createTestApp(dialect);
    await merchant();
    expect((await t.call('GET', '/.well-known/jwks.json')).body).toEqual({ keys: [] });
    const es256 = new TokenService({ ...ISS, JWT_PRIVATE_KEY: pem(), JWT_KEY_ID: 'unknown' });
    const token = (await es256.issue({ sub: '1', role: 'factory_super_admin', family: 'admin', tep: 0 }, 600)).token;
    expect((await verify(token)).body).toEqual({ valid: false, error: 'Invalid token' });
    expect((await t.call('GET', '/api/users/me', { token })).status).toBe(401);
  });
});
