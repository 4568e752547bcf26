/**
 * RFC 8628 §3.3 user interaction, the database side: find a pending code, record the decision,
 * count wrong entries (§5.1). The /device page's steps (device-page.ts) call these.
 */
import type { Db } from '../../../db/connect.ts';
import { normalizeUserCode } from './device-codes.ts';

/** A device authorization waiting for the user's decision, as the /device page shows it. */
export interface PendingAuthorization {
  userCode: string;
  clientId: string;
  scope: string | null;
  /** Epoch ms. */
  expiresAt: number;
}

/**
 * Finds the pending, unexpired authorization a user code names (dashes, spaces and case forgiven).
 * @returns undefined when there is none (wrong, expired or already decided code).
 */
export async function findPendingAuthorization(db: Db, userCodeInput: string, now = Date.now()): Promise<PendingAuthorization | undefined> {
  const code = normalizeUserCode(userCodeInput);
  if (code.length !== 8) return undefined;
  const row = await db
    .selectFrom('oauth_device_codes')
    .select(['user_code', 'client_id', 'scope', 'expires_at'])
    .where('user_code', '=', code)
    .where('status', '=', 'pending')
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row && { userCode: row.user_code, clientId: row.client_id, scope: row.scope, expiresAt: Number(row.expires_at) };
}

/**
 * Records the signed-in user's decision on a pending authorization (RFC 8628 §3.3).
 * @returns false when the code is no longer pending (expired, decided meanwhile).
 */
export async function decideAuthorization(
  db: Db,
  input: { userCode: string; userId: number; approve: boolean },
  now = Date.now(),
): Promise<boolean> {
  const r = await db
    .updateTable('oauth_device_codes')
    .set({ status: input.approve ? 'approved' : 'denied', user_id: input.userId, decided_at: now })
    .where('user_code', '=', normalizeUserCode(input.userCode))
    .where('status', '=', 'pending')
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Limits on wrong user-code entries on the /device page: per session and per client IP. */
export const USER_CODE_LIMITS = { perSession: 5, perIp: 20, windowMs: 15 * 60_000 } as const;

/**
 * Whether a session or client IP has used up its wrong user-code entries (RFC 8628 §5.1
 * brute-force protection), counted over the last 15 minutes.
 */
export async function userCodeEntryLocked(db: Db, keys: { sessionId: string; ip: string }, now = Date.now()): Promise<boolean> {
  const since = now - USER_CODE_LIMITS.windowMs;
  const rows = await db
    .selectFrom('oauth_user_code_failures')
    .select(['key', (eb) => eb.fn.countAll<number>().as('n')])
    .where('key', 'in', [`s:${keys.sessionId}`, `ip:${keys.ip}`])
    .where('at', '>', since)
    .groupBy('key')
    .execute();
  const count = (k: string) => Number(rows.find((r) => r.key === k)?.n ?? 0);
  return count(`s:${keys.sessionId}`) >= USER_CODE_LIMITS.perSession || count(`ip:${keys.ip}`) >= USER_CODE_LIMITS.perIp;
}

/** Records one wrong user-code entry for a session and its client IP. */
export async function recordUserCodeFailure(db: Db, keys: { sessionId: string; ip: string }, now = Date.now()): Promise<void> {
  await db
    .deleteFrom('oauth_user_code_failures')
    .where('at', '<', now - USER_CODE_LIMITS.windowMs)
    .execute();
  await db
    .insertInto('oauth_user_code_failures')
    .values([
      { key: `s:${keys.sessionId}`, at: now },
      { key: `ip:${keys.ip}`, at: now },
    ])
    .execute();
}
