import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { UserRow } from '../../../db/database.ts';
import type { Db } from '../../db/connect.ts';
import { spendOnce } from '../../db/single-use.ts';
import { AppError } from '../../errors.ts';
import { type Principal, revokeToken } from './principal.ts';

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

export interface IssuedRefreshToken {
  /** Opaque, 256 bits of randomness, base64url. Shown once; only its hash is stored. */
  refreshToken: string;
  familyId: string;
  /** Epoch ms. */
  expiresAt: number;
}

/**
 * Issues a refresh token, starting a new rotation family unless `familyId` is given.
 * @param opts.client who it is for (`mobile`, `v1`, `oauth:<client_id>`); rotation checks it.
 * @param opts.ttlSeconds lifetime in seconds.
 */
export async function issueRefreshToken(
  db: Db,
  opts: { userId: number; client: string; ttlSeconds: number; deviceId?: string | null; familyId?: string },
): Promise<IssuedRefreshToken> {
  const refreshToken = randomBytes(32).toString('base64url');
  const now = Date.now();
  const familyId = opts.familyId ?? randomUUID();
  const expiresAt = now + opts.ttlSeconds * 1000;
  await db
    .insertInto('refresh_tokens')
    .values({
      token_hash: sha256(refreshToken),
      family_id: familyId,
      user_id: opts.userId,
      client: opts.client,
      device_id: opts.deviceId ?? null,
      expires_at: expiresAt,
      created_at: now,
    })
    .execute();
  return { refreshToken, familyId, expiresAt };
}

/**
 * Rotates a refresh token (RFC 6749 §6, with the reuse detection of OAuth 2.0 Security BCP
 * §4.14.2): the presented token is spent and a new one of the same family issued. Presenting a
 * token that was already rotated revokes its whole family.
 * @returns the user id and the new token.
 * @throws AppError UNAUTHENTICATED for unknown, expired, revoked or reused tokens, or a token
 *   issued to another client.
 */
export async function rotateRefreshToken(
  db: Db,
  refreshToken: string,
  opts: { client: string; ttlSeconds: number },
): Promise<{ userId: number } & IssuedRefreshToken> {
  const now = Date.now();
  const row = await db.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', sha256(refreshToken)).executeTakeFirst();
  if (!row || row.client !== opts.client) throw new AppError('UNAUTHENTICATED', 'Invalid refresh token');
  if (row.revoked_at !== null) throw new AppError('UNAUTHENTICATED', 'Refresh token revoked');
  if (row.rotated_at !== null) {
    await revokeFamily(db, row.family_id);
    throw new AppError('UNAUTHENTICATED', 'Refresh token reused: session revoked');
  }
  if (row.expires_at <= now) throw new AppError('UNAUTHENTICATED', 'Refresh token expired');
  // Spend it only if nobody else did in between: a concurrent rotation is a reuse.
  if (!(await spendOnce(db, 'refresh_tokens', 'rotated_at', { token_hash: row.token_hash }, now))) {
    await revokeFamily(db, row.family_id);
    throw new AppError('UNAUTHENTICATED', 'Refresh token reused: session revoked');
  }
  const next = await issueRefreshToken(db, {
    userId: row.user_id,
    client: row.client,
    ttlSeconds: opts.ttlSeconds,
    deviceId: row.device_id,
    familyId: row.family_id,
  });
  return { userId: row.user_id, ...next };
}

/** Revokes every token of a family (logout, reuse detection). Idempotent. */
export async function revokeFamily(db: Db, familyId: string): Promise<void> {
  await revokeWhere(db, 'family_id', familyId);
}

/** Revokes the family of a presented token, if it exists (logout with a refresh token). */
export async function revokeRefreshToken(db: Db, refreshToken: string): Promise<void> {
  const row = await db.selectFrom('refresh_tokens').select('family_id').where('token_hash', '=', sha256(refreshToken)).executeTakeFirst();
  if (row) await revokeFamily(db, row.family_id);
}

/**
 * Rotates a refresh token of `client` (see rotateRefreshToken) and loads its user. A user that may
 * no longer hold a session (deactivated, or refused by `mayHold`) has the family revoked.
 * @param opts.ttlSeconds the new refresh token's lifetime, seconds.
 * @returns the user row and the new refresh token.
 * @throws AppError UNAUTHENTICATED (unknown, expired, revoked, reused or foreign token; `User inactive`).
 */
export async function rotateUserSession(
  db: Db,
  refreshToken: string,
  opts: { client: string; ttlSeconds: number; mayHold?: (user: UserRow) => boolean },
): Promise<{ user: UserRow; refreshToken: string }> {
  const rotated = await rotateRefreshToken(db, refreshToken, opts);
  const user = await db.selectFrom('users').selectAll().where('id', '=', rotated.userId).executeTakeFirst();
  if (!user?.is_active || (opts.mayHold && !opts.mayHold(user))) {
    await revokeFamily(db, rotated.familyId);
    throw new AppError('UNAUTHENTICATED', 'User inactive');
  }
  return { user, refreshToken: rotated.refreshToken };
}

/**
 * Ends a session (spec 001 `POST /api/logout`, spec 002 `POST /api/mobile/auth/logout`): revokes
 * the access token's jti, and the refresh family of the given refresh token (when it is the
 * caller's) or else every family the caller holds for `client`.
 * @param client the refresh tokens' client (`mobile`, `admin`).
 */
export async function endSession(db: Db, principal: Principal, client: string, refreshToken?: string): Promise<void> {
  await revokeToken(db, principal);
  if (refreshToken) {
    const row = await db.selectFrom('refresh_tokens').select('user_id').where('token_hash', '=', sha256(refreshToken)).executeTakeFirst();
    if (row?.user_id === principal.id) await revokeRefreshToken(db, refreshToken);
    return;
  }
  await revokeWhere(db, 'user_id', principal.id, client);
}

/** Revokes every refresh token of a user (password change or reset). */
export async function revokeAllRefreshTokens(db: Db, userId: number): Promise<void> {
  await revokeWhere(db, 'user_id', userId);
}

/** Revokes the live refresh tokens whose `column` is `value` (of one client when given). */
async function revokeWhere(db: Db, column: 'user_id' | 'family_id', value: number | string, client?: string): Promise<void> {
  let q = db.updateTable('refresh_tokens').set({ revoked_at: Date.now() }).where(column, '=', value).where('revoked_at', 'is', null);
  if (client !== undefined) q = q.where('client', '=', client);
  await q.execute();
}
