import type { Db } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';

/** Failed password logins allowed per window before a lock, per account and per client IP. */
export const LOGIN_THROTTLE = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  perAccount: 5,
  perIp: 20,
} as const;

const accountKey = (login: string) => `acct:${login.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

/**
 * Refuses a login attempt while its account or its IP is locked (OWASP authentication cheat
 * sheet: throttle per account and per source).
 * @throws AppError RATE_LIMITED with `retryAfterSeconds`.
 */
export async function assertLoginAllowed(db: Db, login: string, ip: string, now = Date.now()): Promise<void> {
  const rows = await db
    .selectFrom('login_failures')
    .select(['key', 'locked_until'])
    .where('key', 'in', [accountKey(login), ipKey(ip)])
    .execute();
  const until = Math.max(0, ...rows.map((r) => r.locked_until ?? 0));
  if (until > now) {
    const retryAfterSeconds = Math.ceil((until - now) / 1000);
    throw new AppError('RATE_LIMITED', `登录失败次数过多，请 ${retryAfterSeconds} 秒后再试`, [], { retryAfterSeconds });
  }
}

/** Counts one failed attempt for the account and the IP; locks a key that reaches its limit. */
export async function recordLoginFailure(db: Db, login: string, ip: string, now = Date.now()): Promise<void> {
  for (const [key, limit] of [
    [accountKey(login), LOGIN_THROTTLE.perAccount],
    [ipKey(ip), LOGIN_THROTTLE.perIp],
  ] as const) {
    const row = await db.selectFrom('login_failures').selectAll().where('key', '=', key).executeTakeFirst();
    const fresh = !row || row.window_start + LOGIN_THROTTLE.windowMs <= now;
    const failures = fresh ? 1 : row.failures + 1;
    const values = {
      failures,
      window_start: fresh ? now : row.window_start,
      locked_until: failures >= limit ? now + LOGIN_THROTTLE.lockMs : null,
    };
    await db
      .insertInto('login_failures')
      .values({ key, ...values })
      .onConflict((oc) => oc.column('key').doUpdateSet(values))
      .execute();
  }
}

/** Forgets the account's failures after a successful login (the IP's count stays). */
export async function clearLoginFailures(db: Db, login: string): Promise<void> {
  await db.deleteFrom('login_failures').where('key', '=', accountKey(login)).execute();
}
