import { generateKeyPairSync } from 'node:crypto';
import { createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { RecordSigningKeys } from '../../src/services/traces/record-keys.ts';
import { sampleBatch, v1Operators } from '../factories.ts';
import { eachTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

const ORIGIN = 'https://trace.example.com';
const pem = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const RECORD_CLAIMS = ['iss', 'sub', 'iat', 'gtin', 'lot', 'digitalLink', 'epcClass'];

/** A batch (with a GTIN and lot unless `plain`) and one log, by factory A's operator. */
async function batch(t: TestApp, token: string, plain = false) {
  const body = plain ? sampleBatch() : sampleBatch({ gtin: '9520123456788', lot: 'LOT-42' });
  const res = await t.call('POST', '/v1/traces', { token, body });
  expect(res.status, res.text).toBe(201);
  const b = res.body.data as { id: string; code: string };
  await t.call('POST', `/v1/traces/${b.id}/logs`, { token, body: { eventType: 'harvest', location: 'Farm 7', notes: '采收' } });
  return b;
}

/** What a retailer does: fetch the JWS and the JWKS, then verify with nothing but those two answers. */
async function fetchAndVerify(t: TestApp, code: string) {
  const res = await t.app.request(`/v1/public/traces/${code}/record.jws`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/jose');
  const jws = await res.text();
  expect(jws).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  const jwks = (await t.call('GET', '/.well-known/jwks.json')).body as JSONWebKeySet;
  for (const key of jwks.keys) expect(key).not.toHaveProperty('d');
  const keySet = createLocalJWKSet(jwks);
  const verified = await jwtVerify(jws, keySet, { algorithms: ['ES256'], typ: 'trace-record+jwt', issuer: ORIGIN });
  return { jws, jwks, keySet, ...verified };
}

/** The claims less the record's own: what must equal the JSON public view. */
const viewOf = (payload: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(payload).filter(([k]) => !RECORD_CLAIMS.includes(k)));

describe.each(DIALECTS)('signed public trace records (issue 14 §4) on %s', (dialect) => {
  describe('HS256 access tokens (no JWT_PRIVATE_KEY): a generated key stored in the database', () => {
    const u = eachTestApp(dialect, v1Operators, { env: { PUBLIC_BASE_URL: ORIGIN } });

    it('serves a JWS that verifies offline against the JWKS and carries the public view and GS1 identity', async () => {
      const b = await batch(u.t, u.a.token);
      expect((await u.t.call('GET', '/.well-known/jwks.json')).body).toEqual({ keys: [] });
      const { jws, jwks, payload, protectedHeader } = await fetchAndVerify(u.t, b.code);
      expect(jwks.keys).toHaveLength(1);
      expect(protectedHeader).toEqual({ alg: 'ES256', kid: jwks.keys[0]!.kid, typ: 'trace-record+jwt' });
      expect(protectedHeader.kid).toMatch(/^record-/);
      const view = await u.t.call('GET', `/v1/public/traces/${b.code}`);
      expect(view.status).toBe(200);
      expect(viewOf(payload)).toEqual(view.body.data);
      expect(payload).toMatchObject({
        iss: ORIGIN,
        sub: `${ORIGIN}/v1/public/traces/${b.code}`,
        gtin: '09520123456788',
        lot: 'LOT-42',
        digitalLink: `${ORIGIN}/01/09520123456788/10/LOT-42`,
      });
      expect(Math.abs((payload.iat as number) - Date.now() / 1000)).toBeLessThan(60);
      // the key is kept: a second record has the same kid, and the JWKS still lists one key
      const again = await fetchAndVerify(u.t, b.code.toLowerCase());
      expect(again.protectedHeader.kid).toBe(protectedHeader.kid);
      expect(again.jwks.keys).toEqual(jwks.keys);
      // a record is no access token
      expect((await u.t.call('POST', '/api/v1/auth/verify', { body: { token: jws } })).body).toMatchObject({ valid: false });
    });

    it('fails verification once tampered with', async () => {
      const b = await batch(u.t, u.a.token);
      const { jws, keySet } = await fetchAndVerify(u.t, b.code);
      const [header, payload, signature] = jws.split('.') as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      const forged = Buffer.from(
        JSON.stringify({ ...claims, status: 'archived', origin: { ...claims.origin, farmId: 'elsewhere' } }),
      ).toString('base64url');
      const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
      for (const bad of [`${header}.${forged}.${signature}`, `${header}.${payload}.${flipped}`]) {
        await expect(jwtVerify(bad, keySet, { algorithms: ['ES256'] })).rejects.toThrow(/signature verification failed/);
      }
    });

    it('answers an unknown code with the v1 404 envelope', async () => {
      const res = await u.t.call('GET', '/v1/public/traces/NOPE0000NOPE/record.jws');
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/json');
      expectErrorEnvelope('v1', res.body);
      // the operation's own 404 (unknown trace), not the edge's unmatched route
      expect(res.body.message).toBe('Trace not found');
    });

    it('gives every instance on the database one key, even when they race to create it', async () => {
      const instances = [new RecordSigningKeys(u.t.deps.db, null), new RecordSigningKeys(u.t.deps.db, null)];
      const keys = await Promise.all(instances.map((k) => k.signingKey()));
      expect(keys[1]!.kid).toBe(keys[0]!.kid);
      const rows = await u.t.deps.db.selectFrom('signing_keys').select(['name', 'kid']).execute();
      expect(rows).toEqual([{ name: 'trace-record', kid: keys[0]!.kid }]);
      expect((await u.t.call('GET', '/.well-known/jwks.json')).body.keys.map((k: { kid: string }) => k.kid)).toEqual([keys[0]!.kid]);
    });
  });

  describe('ES256 access tokens (JWT_PRIVATE_KEY): records signed with that key', () => {
    const u = eachTestApp(dialect, v1Operators, () => ({
      env: { PUBLIC_BASE_URL: ORIGIN, JWT_PRIVATE_KEY: pem(), JWT_KEY_ID: 'k-2026-12' },
    }));

    it('signs with the configured key, publishes nothing more and stores no key', async () => {
      const b = await batch(u.t, u.a.token, true);
      const { jws, jwks, payload, protectedHeader } = await fetchAndVerify(u.t, b.code);
      expect(decodeProtectedHeader(jws)).toEqual({ alg: 'ES256', kid: 'k-2026-12', typ: 'trace-record+jwt' });
      expect(protectedHeader.kid).toBe('k-2026-12');
      expect(jwks.keys.map((k) => k.kid)).toEqual(['k-2026-12']);
      const view = await u.t.call('GET', `/v1/public/traces/${b.code}`);
      expect(viewOf(payload)).toEqual(view.body.data);
      // no GTIN and lot: no GS1 claims
      for (const claim of ['gtin', 'lot', 'digitalLink', 'epcClass']) expect(payload).not.toHaveProperty(claim);
      expect(await u.t.deps.db.selectFrom('signing_keys').select('kid').execute()).toEqual([]);
      expect((await u.t.call('POST', '/api/v1/auth/verify', { body: { token: jws } })).body).toMatchObject({ valid: false });
    });
  });
});
