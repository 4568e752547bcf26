import type { ExpressionBuilder } from 'kysely';
import type { Database, LoginFailuresTable } from '../../../db/database.ts';
import type { Db } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';

const MINUTE = 60_000;

/**
 * The failed-password lockout's numbers, in one place (OWASP Authentication Cheat Sheet, "Login
 * Throttling" and "Account Lockout"; OWASP ASVS 4.0.3 V2.2.1):
 * - `accountAddress`: one account from one client address, 5 attempts, then locked;
 * - `account`: one account from all addresses (distributed guessing), 20 attempts, then locked;
 * - `address`: past 20 failures from one address, that address is refused only for accounts that
 *   have unforgotten attempts from it, so a shared (NAT) address never blocks an account not
 *   under attack.
 * The attempt reaching a limit locks its key for 1 min; each further one (after the lock) locks it
 * for longer: 2, 4, 8, 16, 32, then at most 60 min. A count is forgotten `forgetAfterMs` after the key's last attempt or the
 * end of its lock, whichever is later (15 min; 24 h for the account over all addresses, so that
 * distributed guessing cannot wait for a reset); a successful login clears the account's keys.
 * Limits must be at least 2 (the first attempt of a key never locks it).
 */
export const LOGIN_LOCKOUT = {
  accountAddress: { limit: 5, forgetAfterMs: 15 * MINUTE },
  account: { limit: 20, forgetAfterMs: 24 * 60 * MINUTE },
  address: { limit: 20, forgetAfterMs: 15 * MINUTE },
  firstLockMs: MINUTE,
  maxLockMs: 60 * MINUTE,
} as const;

type Rule = { limit: number; forgetAfterMs: number };

/**
 * Length of the lock set by an attempt `pastLimit` attempts after the one reaching the limit
 * (0 for that one): `firstLockMs` doubled each time, at most `maxLockMs`. Milliseconds.
 */
export function lockDelayMs(pastLimit: number): number {
  return Math.min(LOGIN_LOCKOUT.maxLockMs, LOGIN_LOCKOUT.firstLockMs * 2 ** pastLimit);
}

/** The counters one password attempt touches. */
export interface LoginAttemptKeys {
  /** `u:<user id>`, or `login:<typed login>` when no such user (unknown logins lock alike). */
  account: string;
  accountAddress: string;
  address: string;
}

/** Counter keys of an attempt on `userId` (or, when unknown, the typed `login`) from `ip`. */
export function loginAttemptKeys(subject: { userId: number | undefined; login: string; ip: string }): LoginAttemptKeys {
  const account = subject.userId !== undefined ? `u:${subject.userId}` : `login:${subject.login.trim().toLowerCase()}`;
  return { account, accountAddress: `${account}|ip:${subject.ip}`, address: `ip:${subject.ip}` };
}

type Eb = ExpressionBuilder<Database, 'login_failures'>;

/** SQL: the stored row's count has been forgotten at `now`. */
const forgotten = (eb: Eb, rule: Rule, now: number) =>
  eb(eb.fn.coalesce('login_failures.locked_until', 'login_failures.last_at'), '<=', now - rule.forgetAfterMs);

/** SQL: the count after one more attempt (1 when the stored count was forgotten). */
const nextCount = (eb: Eb, rule: Rule, now: number) =>
  eb
    .case()
    .when(forgotten(eb, rule, now))
    .then(eb.lit(1))
    .else(eb('login_failures.failures', '+', eb.lit(1)))
    .end();

/** SQL: the lock the next attempt sets, from the stored count (null below the limit). */
function nextLock(eb: Eb, rule: Rule, now: number) {
  const until = (ms: number) => eb.cast<number>(eb.val(now + ms), 'bigint');
  let lock = eb
    .case()
    .when(forgotten(eb, rule, now))
    .then(eb.cast<number | null>(eb.lit(null), 'bigint'))
    .when('login_failures.failures', '<', rule.limit - 1)
    .then(eb.cast<number | null>(eb.lit(null), 'bigint'));
  for (let n = 0; lockDelayMs(n) < LOGIN_LOCKOUT.maxLockMs; n++) {
    lock = lock.when('login_failures.failures', '=', rule.limit - 1 + n).then(until(lockDelayMs(n)));
  }
  return lock.else(until(LOGIN_LOCKOUT.maxLockMs)).end();
}

/**
 * Reserves one attempt on `key` in a single conditional upsert: counts it and sets the lock it
 * earns, unless the key is locked (or, with `onlyIfForgotten`, has any unforgotten attempt).
 * Both dialects apply an upsert atomically per row, so no concurrency admits more than `limit`.
 * @returns false when refused (nothing written).
 */
async function reserve(db: Db, key: string, rule: Rule, now: number, onlyIfForgotten: boolean): Promise<boolean> {
  const row = await db
    .insertInto('login_failures')
    .values({ key, failures: 1, last_at: now, locked_until: null })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet((eb) => ({
          failures: nextCount(eb, rule, now),
          last_at: now,
          locked_until: nextLock(eb, rule, now),
        }))
        .where((eb) =>
          onlyIfForgotten
            ? forgotten(eb, rule, now)
            : eb.or([eb('login_failures.locked_until', 'is', null), eb('login_failures.locked_until', '<=', now)]),
        ),
    )
    .returning('failures')
    .executeTakeFirst();
  return row !== undefined;
}

type Row = Pick<LoginFailuresTable, 'key' | 'failures' | 'last_at' | 'locked_until'>;

const forgetAt = (row: Row, rule: Rule) => (row.locked_until ?? row.last_at) + rule.forgetAfterMs;

/** The address is past its failure limit at `now`. */
const addressSuspect = (row: Row | undefined, now: number) =>
  row !== undefined && row.failures >= LOGIN_LOCKOUT.address.limit && forgetAt(row, LOGIN_LOCKOUT.address) > now;

/** Milliseconds until the stored rows would admit an attempt; 0 when they admit it now. */
function refusedForMs(rows: Row[], keys: LoginAttemptKeys, now: number): number {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  let wait = 0;
  for (const key of [keys.accountAddress, keys.account]) {
    const until = byKey.get(key)?.locked_until;
    if (until != null && until > now) wait = Math.max(wait, until - now);
  }
  const address = byKey.get(keys.address);
  const own = byKey.get(keys.accountAddress);
  if (address && own && addressSuspect(address, now) && forgetAt(own, LOGIN_LOCKOUT.accountAddress) > now) {
    const ends = Math.min(forgetAt(address, LOGIN_LOCKOUT.address), forgetAt(own, LOGIN_LOCKOUT.accountAddress));
    wait = Math.max(wait, ends - now);
  }
  return wait;
}

async function readRows(db: Db, keys: LoginAttemptKeys): Promise<Row[]> {
  return db
    .selectFrom('login_failures')
    .select(['key', 'failures', 'last_at', 'locked_until'])
    .where('key', 'in', [keys.accountAddress, keys.account, keys.address])
    .execute();
}

function lockedError(waitMs: number): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new AppError('RATE_LIMITED', `登录失败次数过多，请 ${retryAfterSeconds} 秒后再试`, [], { retryAfterSeconds });
}

/**
 * Reserves a password attempt before the password is checked (numbers: `LOGIN_LOCKOUT`). One read
 * refuses a locked attempt without counting it; then one conditional upsert per account key
 * decides atomically (a race between the two only over-counts, never admits more).
 * @param now epoch ms.
 * @returns the keys, for `loginSucceeded` / `loginFailed`.
 * @throws AppError RATE_LIMITED (`登录失败次数过多，请 N 秒后再试`) with `retryAfterSeconds`.
 */
export async function reserveLoginAttempt(
  db: Db,
  subject: { userId: number | undefined; login: string; ip: string },
  now = Date.now(),
): Promise<LoginAttemptKeys> {
  const keys = loginAttemptKeys(subject);
  const rows = await readRows(db, keys);
  const wait = refusedForMs(rows, keys, now);
  if (wait > 0) throw lockedError(wait);
  const suspect = addressSuspect(
    rows.find((r) => r.key === keys.address),
    now,
  );
  const admitted =
    (await reserve(db, keys.accountAddress, LOGIN_LOCKOUT.accountAddress, now, suspect)) &&
    (await reserve(db, keys.account, LOGIN_LOCKOUT.account, now, false));
  if (!admitted) throw lockedError(refusedForMs(await readRows(db, keys), keys, now));
  return keys;
}

/** A wrong password: the reservations stand as failures, and the client address counts one more. */
export async function loginFailed(db: Db, keys: LoginAttemptKeys, now = Date.now()): Promise<void> {
  const rule = LOGIN_LOCKOUT.address;
  await db
    .insertInto('login_failures')
    .values({ key: keys.address, failures: 1, last_at: now, locked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        failures: nextCount(eb, rule, now),
        last_at: now,
      })),
    )
    .execute();
}

/**
 * The right password: clears the account's reservations over all addresses and from this one.
 * Other addresses' counts on the account stay (they may be an attacker's); so does the address's.
 */
export async function loginSucceeded(db: Db, keys: LoginAttemptKeys): Promise<void> {
  await db.deleteFrom('login_failures').where('key', 'in', [keys.account, keys.accountAddress]).execute();
}
