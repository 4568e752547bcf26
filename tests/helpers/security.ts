import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { expect } from 'vitest';
import type { Family } from '../../src/edge/meta.ts';
import type { TokenFamily } from '../../src/services/identity/tokens.ts';
import type { TestApp } from './app.ts';

type EnvelopeStyle = Family;

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

/**
 * Tokens that must all be refused: absent, garbage, `alg:none`, signed with another secret or an
 * unknown ES256 key,
 * expired, and from another issuer. `sub` names a real user (and `family`, `role` its token's
 * claims, default an admin-family platform_admin) so only the token is at fault.
 */
export async function badTokens(
  t: TestApp,
  sub: string,
  opts: { family?: TokenFamily; role?: string } = {},
): Promise<Record<string, string | undefined>> {
  const now = Math.floor(Date.now() / 1000);
  const { family = 'admin', role = 'platform_admin' } = opts;
  const claims = {
    sub,
    role,
    family,
    jti: 'x-jti',
    iss: t.config.JWT_ISSUER,
    aud: t.config.JWT_AUDIENCE,
    iat: now,
    exp: now + 600,
  };
  const otherKey = new TextEncoder().encode('another-secret-another-secret-another-secret-0000');
  const foreignEs256 = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  return {
    none: undefined,
    garbage: 'not-a-jwt',
    algNone: `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
    wrongSecret: await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(otherKey),
    // an ES256 token with a kid the server does not know (an HS256 server knows none)
    foreignEs256: await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'not-ours' }).sign(foreignEs256),
    expired: (await t.deps.tokens.issue({ sub, role, family, tep: 0 }, -60)).token,
    wrongIssuer: await new SignJWT({ ...claims, iss: 'someone-else' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(t.config.JWT_SECRET)),
  };
}

/** Asserts the exact error envelope of a style (DESIGN.md's table). */
export function expectErrorEnvelope(style: EnvelopeStyle, body: unknown): void {
  const keys: Record<EnvelopeStyle, string[]> = {
    mini: ['code', 'message', 'success', 'timestamp'],
    admin: ['error_code', 'message', 'success'],
    mobile: ['code', 'message', 'success', 'timestamp'],
    v1: ['code', 'details', 'message', 'status'],
    bi: ['error', 'message', 'success'],
    oauth: ['error', 'error_description'],
    page: [],
  };
  const b = body as Record<string, unknown>;
  // every JSON family lists field problems in `details` on validation failures (v1 always)
  expect(
    Object.keys(b)
      .filter((k) => style === 'v1' || k !== 'details')
      .sort(),
  ).toEqual(keys[style]);
  if ('details' in b) {
    expect(Array.isArray(b.details)).toBe(true);
    for (const d of b.details as unknown[]) expect(Object.keys(d as object).sort()).toEqual(['field', 'message']);
  }
  if ('success' in b) expect(b.success).toBe(false);
  if (style === 'v1') expect(b.status).toBe('error');
}

/**
 * Each bad token answers 401 in the route's envelope and never reaches the procedure. The
 * security matrix (tests/security/matrix.test.ts) runs this and more on every protected
 * operation; use this only for what the matrix cannot reach.
 */
export async function expectRejectsBadTokens(
  t: TestApp,
  style: EnvelopeStyle,
  method: string,
  path: string,
  opts: { sub: string; body?: unknown },
): Promise<void> {
  for (const [name, token] of Object.entries(await badTokens(t, opts.sub))) {
    await t.deps.rateLimiter.resetAll(); // refused tokens count against the IP: keep this about tokens
    const res = await t.call(method, path, { token, body: opts.body });
    expect(res.status, `${name} token on ${method} ${path}`).toBe(401);
    expectErrorEnvelope(style, res.body);
  }
}
