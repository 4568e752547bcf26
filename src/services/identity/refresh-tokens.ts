import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';

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
  const spent = await db
    .updateTable('refresh_tokens')
    .set({ rotated_at: now })
    .where('token_hash', '=', row.token_hash)
    .where('rotated_at', 'is', null)
    .executeTakeFirst();
  if (Number(spent.numUpdatedRows) !== 1) {
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
  await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: Date.now() })
    .where('family_id', '=', familyId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Revokes the family of a presented token, if it exists (logout with a refresh token). */
export async function revokeRefreshToken(db: Db, refreshToken: string): Promise<void> {
  const row = await db.selectFrom('refresh_tokens').select('family_id').where('token_hash', '=', sha256(refreshToken)).executeTakeFirst();
  if (row) await revokeFamily(db, row.family_id);
}
