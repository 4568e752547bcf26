import type { Db } from '../../../db/connect.ts';
import { AppError } from '../../../errors.ts';

const invalid = () => new AppError('VALIDATION_FAILED', '激活码无效或已过期', [{ field: 'activationCode', message: 'invalid' }]);

/**
 * `POST /api/mobile/activation/activate` (spec 002 §3.1): activates the app on a device with a
 * code, counting one use per new device (use limit and expiry enforced; re-activating the same
 * device is idempotent and costs no use).
 * @returns the activation time, epoch ms, and whether it already existed.
 * @throws AppError VALIDATION_FAILED (unknown, inactive, expired or used-up code).
 */
export async function activateApp(
  db: Db,
  input: { code: string; deviceId: string; deviceModel?: string | undefined },
  now = Date.now(),
): Promise<{ activatedAt: number; alreadyActivated: boolean; expiresAt: number | null }> {
  return db.transaction().execute(async (trx) => {
    const code = await trx.selectFrom('activation_codes').selectAll().where('code', '=', input.code).executeTakeFirst();
    if (!code?.is_active || (code.expires_at !== null && code.expires_at <= now)) throw invalid();
    const existing = await trx
      .selectFrom('app_activations')
      .select('activated_at')
      .where('code', '=', input.code)
      .where('device_id', '=', input.deviceId)
      .executeTakeFirst();
    if (existing) return { activatedAt: existing.activated_at, alreadyActivated: true, expiresAt: code.expires_at };
    // Conditional increment: two devices racing for the last use cannot both win.
    const used = await trx
      .updateTable('activation_codes')
      .set((eb) => ({ used_count: eb('used_count', '+', 1) }))
      .where('code', '=', input.code)
      .where('used_count', '<', code.max_uses)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1)
      throw new AppError('VALIDATION_FAILED', '激活码使用次数已达上限', [{ field: 'activationCode', message: 'used up' }]);
    await trx
      .insertInto('app_activations')
      .values({ code: input.code, device_id: input.deviceId, device_model: input.deviceModel ?? null, activated_at: now })
      .execute();
    return { activatedAt: now, alreadyActivated: false, expiresAt: code.expires_at };
  });
}

/**
 * `POST /api/mobile/activation/validate` (spec 002 §3.2): whether the device is activated with a
 * code that is still valid.
 */
export async function validateActivation(
  db: Db,
  input: { code: string; deviceId: string },
  now = Date.now(),
): Promise<{ valid: boolean; activatedAt: number | null }> {
  const row = await db
    .selectFrom('app_activations as a')
    .innerJoin('activation_codes as c', 'c.code', 'a.code')
    .select(['a.activated_at', 'c.is_active', 'c.expires_at'])
    .where('a.code', '=', input.code)
    .where('a.device_id', '=', input.deviceId)
    .executeTakeFirst();
  const valid = !!row && row.is_active === 1 && (row.expires_at === null || row.expires_at > now);
  return { valid, activatedAt: row?.activated_at ?? null };
}
