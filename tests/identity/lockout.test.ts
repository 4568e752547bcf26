import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Family as EnvelopeStyle } from '../../src/edge/meta.ts';
import { LOGIN_LOCKOUT, lockDelayMs } from '../../src/services/identity/login-lockout.ts';
import { makeFactory, makeUser } from '../factories.ts';
import { type CallResult, createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

const FACTORY = 'F_LOCK_001';
const PASSWORD = 'Right-pass1';
const WRONG = 'Wrong-pass1';
const NAT = '203.0.113.10';

interface Endpoint {
  path: string;
  envelope: EnvelopeStyle;
  userType: 'factory' | 'platform';
  body: (username: string, password: string) => Record<string, string>;
}

const plain = (username: string, password: string) => ({ username, password });

/** Every REST password login (the /device page shares the same credential check). */
const ENDPOINTS: Endpoint[] = [
  { path: '/api/login', envelope: 'admin', userType: 'factory', body: plain },
  { path: '/v1/auth/login', envelope: 'v1', userType: 'factory', body: plain },
  { path: '/api/mobile/auth/unified-login', envelope: 'mobile', userType: 'factory', body: plain },
  {
    path: '/api/auth/login',
    envelope: 'mobile',
    userType: 'factory',
    body: (username, password) => ({ factoryId: FACTORY, username, password }),
  },
  { path: '/api/auth/platform-login', envelope: 'mobile', userType: 'platform', body: plain },
];
const [ADMIN_LOGIN, V1_LOGIN, UNIFIED_LOGIN] = ENDPOINTS as [Endpoint, Endpoint, Endpoint];

describe.each(DIALECTS)('failed-login lockout on %s', (dialect) => {
  let t: TestApp;
  let seq = 0;

  beforeEach(async () => {
    // Client addresses come from X-Forwarded-For; the per-route request limit is scaled out of the way.
    t = await createTestApp(dialect, { env: { TRUST_PROXY: 'true', RATE_LIMIT_SCALE: '1000' } });
    await makeFactory(t, FACTORY);
  });
  afterEach(() => t.close());

  async function user(userType: 'factory' | 'platform' = 'factory'): Promise<string> {
    const username = `lock_user_${++seq}`;
    await makeUser(t, {
      kind: userType,
      role: userType === 'factory' ? 'operator' : 'platform_admin',
      factoryId: userType === 'factory' ? FACTORY : null,
      username,
      password: PASSWORD,
    });
    return username;
  }

  const login = (ep: Endpoint, username: string, password: string, ip = NAT): Promise<CallResult> =>
    t.call('POST', ep.path, { body: ep.body(username, password), headers: { 'x-forwarded-for': ip } });

  /** Moves every lockout time `ms` into the past, as if that much time had passed. */
  async function elapse(ms: number): Promise<void> {
    await t.deps.db
      .updateTable('login_failures')
      .set((eb) => ({ last_at: eb('last_at', '-', ms), locked_until: eb('locked_until', '-', ms) }))
      .execute();
  }

  function expectLocked(ep: Endpoint, res: CallResult): number {
    expect(res.status).toBe(429);
    expectErrorEnvelope(ep.envelope, res.body);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    return retryAfter;
  }

  const statuses = (answers: CallResult[]) => ({
    checked: answers.filter((r) => r.status === 401).length,
    refused: answers.filter((r) => r.status === 429).length,
  });

  it.each(ENDPOINTS)('$path locks after 5 wrong passwords, the right one included', async (ep) => {
    const username = await user(ep.userType);
    expect((await login(ep, username, PASSWORD)).status).toBe(200);
    for (let i = 0; i < LOGIN_LOCKOUT.accountAddress.limit; i++) {
      expect((await login(ep, username, WRONG)).status).toBe(401);
    }
    const retryAfter = expectLocked(ep, await login(ep, username, PASSWORD));
    expect(retryAfter).toBeLessThanOrEqual(lockDelayMs(0) / 1000);
  });

  it('the lock is shared by every login family: /api/login failures lock /v1 and mobile', async () => {
    const username = await user();
    for (let i = 0; i < LOGIN_LOCKOUT.accountAddress.limit; i++) {
      expect((await login(ADMIN_LOGIN, username, WRONG)).status).toBe(401);
    }
    expectLocked(V1_LOGIN, await login(V1_LOGIN, username, PASSWORD));
    expectLocked(UNIFIED_LOGIN, await login(UNIFIED_LOGIN, username, PASSWORD));
  });

  it('40 parallel wrong passwords from one address get exactly the limit of password checks', async () => {
    const username = await user();
    const answers = await Promise.all(Array.from({ length: 40 }, () => login(ADMIN_LOGIN, username, WRONG)));
    expect(statuses(answers)).toEqual({ checked: LOGIN_LOCKOUT.accountAddress.limit, refused: 40 - LOGIN_LOCKOUT.accountAddress.limit });
    for (const r of answers.filter((a) => a.status === 401)) expect(r.body.error_code).toBe('INVALID_CREDENTIALS');
    expectLocked(ADMIN_LOGIN, await login(ADMIN_LOGIN, username, PASSWORD));
  });

  it('40 parallel wrong passwords from 40 addresses get exactly the per-account limit, then the account is locked', async () => {
    const username = await user();
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => login(V1_LOGIN, username, WRONG, `198.51.100.${i + 1}`)));
    expect(statuses(answers)).toEqual({ checked: LOGIN_LOCKOUT.account.limit, refused: 40 - LOGIN_LOCKOUT.account.limit });
    // the owner, from an address the attack never used, is locked out too
    expectLocked(V1_LOGIN, await login(V1_LOGIN, username, PASSWORD, '192.0.2.200'));
    expectLocked(ADMIN_LOGIN, await login(ADMIN_LOGIN, username, PASSWORD, '192.0.2.200'));
  });

  it('a distributed attack, one wrong password per address, locks the account', async () => {
    const username = await user();
    for (let i = 0; i < LOGIN_LOCKOUT.account.limit; i++) {
      expect((await login(UNIFIED_LOGIN, username, WRONG, `198.51.100.${i + 1}`)).status).toBe(401);
    }
    expectLocked(UNIFIED_LOGIN, await login(UNIFIED_LOGIN, username, PASSWORD, '192.0.2.201'));
  });

  it('refuses the right password until the lock has passed, then admits it and forgets the failures', async () => {
    const username = await user();
    for (let i = 0; i < LOGIN_LOCKOUT.accountAddress.limit; i++) await login(ADMIN_LOGIN, username, WRONG);
    const firstLockS = lockDelayMs(0) / 1000;
    expect(expectLocked(ADMIN_LOGIN, await login(ADMIN_LOGIN, username, PASSWORD))).toBeGreaterThan(firstLockS - 5);
    await elapse(lockDelayMs(0) - 2_000);
    expect(expectLocked(ADMIN_LOGIN, await login(ADMIN_LOGIN, username, PASSWORD))).toBeLessThanOrEqual(2);
    await elapse(2_000);
    expect((await login(ADMIN_LOGIN, username, PASSWORD)).status).toBe(200);
    // the success cleared the count: the next limit - 1 wrong passwords do not lock
    for (let i = 0; i < LOGIN_LOCKOUT.accountAddress.limit - 1; i++) {
      expect((await login(ADMIN_LOGIN, username, WRONG)).status).toBe(401);
    }
    expect((await login(ADMIN_LOGIN, username, PASSWORD)).status).toBe(200);
  });

  it('each lock past the limit lasts longer than the previous, doubling up to the cap', async () => {
    const username = await user();
    for (let i = 0; i < LOGIN_LOCKOUT.accountAddress.limit; i++) await login(V1_LOGIN, username, WRONG);
    const locks: number[] = [];
    for (let n = 0; n < 8; n++) {
      const retryAfter = expectLocked(V1_LOGIN, await login(V1_LOGIN, username, PASSWORD));
      const row = await t.deps.db
        .selectFrom('login_failures')
        .select(['last_at', 'locked_until'])
        .where('key', 'like', 'u:%|ip:%')
        .executeTakeFirstOrThrow();
      const lockMs = (row.locked_until ?? 0) - row.last_at;
      expect(retryAfter).toBeLessThanOrEqual(lockMs / 1000);
      expect(retryAfter).toBeGreaterThan(lockMs / 1000 - 5);
      locks.push(lockMs);
      await elapse(lockMs + 1_000); // the lock has passed: one more wrong password locks again
      expect((await login(V1_LOGIN, username, WRONG)).status).toBe(401);
    }
    expect(locks.slice(0, 7)).toEqual([1, 2, 4, 8, 16, 32, 60].map((m) => m * 60_000));
    expect(locks[7]).toBe(LOGIN_LOCKOUT.maxLockMs);
  });

  it('NAT: 60 failures from one address against other accounts leave an untouched account signing in', async () => {
    const untouched = await user('platform');
    const victim = await user();
    expect((await login(UNIFIED_LOGIN, victim, WRONG)).status).toBe(401);
    // a first failure is never refused by the address rule, so all 60 are password checks
    const others = await Promise.all(Array.from({ length: 60 }, () => user()));
    const answers = await Promise.all(others.map((u) => login(UNIFIED_LOGIN, u, WRONG)));
    expect(statuses(answers)).toEqual({ checked: 60, refused: 0 });
    const address = await t.deps.db
      .selectFrom('login_failures')
      .select('failures')
      .where('key', '=', `ip:${NAT}`)
      .executeTakeFirstOrThrow();
    expect(address.failures).toBeGreaterThan(LOGIN_LOCKOUT.address.limit);

    expect((await login(UNIFIED_LOGIN, untouched, PASSWORD)).status).toBe(200);
    expect((await login(ADMIN_LOGIN, untouched, PASSWORD)).status).toBe(200);
    // an account with a failure from that address is refused from it, even its right password…
    expectLocked(UNIFIED_LOGIN, await login(UNIFIED_LOGIN, others[0] as string, WRONG));
    expectLocked(UNIFIED_LOGIN, await login(UNIFIED_LOGIN, victim, PASSWORD));
    // …but not from another address
    expect((await login(UNIFIED_LOGIN, victim, PASSWORD, '192.0.2.50')).status).toBe(200);
  });

  it('unknown usernames lock alike, so the lock does not reveal which accounts exist', async () => {
    for (let i = 0; i < LOGIN_LOCKOUT.accountAddress.limit; i++) {
      expect((await login(ADMIN_LOGIN, 'no_such_user', WRONG)).status).toBe(401);
    }
    expectLocked(ADMIN_LOGIN, await login(ADMIN_LOGIN, 'no_such_user', PASSWORD));
  });
});
