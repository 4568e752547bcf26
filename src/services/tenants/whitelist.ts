import type { Db } from '../../db/connect.ts';
import { AppError, notFound } from '../../errors.ts';

export interface WhitelistEntry {
  id: number;
  phoneNumber: string;
  /** Epoch ms, null = never. */
  expiresAt: number | null;
  status: 'active' | 'expired';
  createdAt: number;
}

const view = (r: { id: number; phone: string; expires_at: number | null; created_at: number }, now: number): WhitelistEntry => ({
  id: r.id,
  phoneNumber: r.phone,
  expiresAt: r.expires_at,
  status: r.expires_at !== null && r.expires_at <= now ? 'expired' : 'active',
  createdAt: r.created_at,
});

/** `GET /api/whitelist` (spec 002): the factory's whitelist, newest first. */
export async function listWhitelist(db: Db, factoryId: string, now = Date.now()): Promise<WhitelistEntry[]> {
  const rows = await db.selectFrom('phone_whitelist').selectAll().where('factory_id', '=', factoryId).orderBy('id', 'desc').execute();
  return rows.map((r) => view(r, now));
}

/**
 * `POST /api/whitelist`: adds a phone (E.164, normalised) to the factory's whitelist. An expired
 * entry for the same phone is renewed; an active one is a conflict.
 * @param input.expiresAt epoch ms, in the future, or undefined for no expiry.
 * @throws AppError VALIDATION_FAILED (expiry in the past), CONFLICT (already listed).
 */
export async function addToWhitelist(
  db: Db,
  factoryId: string,
  createdBy: number,
  input: { phone: string; expiresAt?: number | undefined },
  now = Date.now(),
): Promise<WhitelistEntry> {
  if (input.expiresAt !== undefined && input.expiresAt <= now) {
    throw new AppError('VALIDATION_FAILED', '过期时间必须晚于当前时间', [{ field: 'expiresAt', message: 'must be in the future' }]);
  }
  const existing = await db
    .selectFrom('phone_whitelist')
    .selectAll()
    .where('factory_id', '=', factoryId)
    .where('phone', '=', input.phone)
    .executeTakeFirst();
  if (existing && (existing.expires_at === null || existing.expires_at > now)) throw new AppError('CONFLICT', '该手机号已在白名单中');
  const values = { expires_at: input.expiresAt ?? null, created_by: createdBy, created_at: now };
  if (existing) {
    await db.updateTable('phone_whitelist').set(values).where('id', '=', existing.id).execute();
    return view({ ...existing, ...values }, now);
  }
  const row = await db
    .insertInto('phone_whitelist')
    .values({ factory_id: factoryId, phone: input.phone, ...values })
    .returningAll()
    .executeTakeFirstOrThrow();
  return view(row, now);
}

/** `DELETE /api/whitelist/{id}`. @throws AppError NOT_FOUND (also for another factory's entry). */
export async function removeFromWhitelist(db: Db, factoryId: string, id: number): Promise<void> {
  const r = await db.deleteFrom('phone_whitelist').where('id', '=', id).where('factory_id', '=', factoryId).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw notFound('Whitelist entry', id);
}
