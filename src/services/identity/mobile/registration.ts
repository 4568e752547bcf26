import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../../db/connect.ts';
import { spendOnce } from '../../../db/single-use.ts';
import { isUniqueViolation } from '../../../db/sql.ts';
import type { AppDeps } from '../../../deps.ts';
import { AppError } from '../../../errors.ts';
import { resolveDepartment } from '../departments.ts';
import { hashPassword } from '../passwords.ts';
import { consumeVerificationCode } from './verification-codes.ts';

/** A registration tempToken is valid 15 minutes, once. */
export const TEMP_TOKEN_TTL_MS = 15 * 60_000;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Spec 002 §1.3 `register-phase-one`: the phone must be on an unexpired whitelist entry (of
 * `factoryId` when given; required when several factories list the phone) and the SMS code must
 * be right. Returns a single-use tempToken (256 random bits, stored as SHA-256).
 * @param phone E.164, normalised.
 * @returns `{ tempToken, factoryId, expiresIn }`, expiresIn in seconds.
 * @throws AppError PERMISSION_DENIED (not whitelisted), VALIDATION_FAILED (factoryId needed, bad
 *   code), CONFLICT (the phone already has an account).
 */
export async function registerPhaseOne(
  deps: Pick<AppDeps, 'db' | 'config'>,
  input: { phone: string; code: string; factoryId?: string | undefined },
  now = Date.now(),
): Promise<{ tempToken: string; factoryId: string; expiresIn: number }> {
  const { db } = deps;
  let q = db
    .selectFrom('phone_whitelist')
    .select('factory_id')
    .where('phone', '=', input.phone)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]));
  if (input.factoryId) q = q.where('factory_id', '=', input.factoryId);
  const factories = [...new Set((await q.execute()).map((r) => r.factory_id))];
  if (factories.length === 0) throw new AppError('PERMISSION_DENIED', '手机号不在白名单中，请联系工厂管理员');
  if (factories.length > 1) {
    throw new AppError('VALIDATION_FAILED', '该手机号在多个工厂的白名单中，请提供 factoryId', [
      { field: 'factoryId', message: 'required' },
    ]);
  }
  const factoryId = factories[0] as string;
  await consumeVerificationCode(db, deps.config.JWT_SECRET, { phone: input.phone, purpose: 'registration', code: input.code }, now);
  if (await db.selectFrom('users').select('id').where('phone', '=', input.phone).executeTakeFirst()) {
    throw new AppError('CONFLICT', '该手机号已注册');
  }
  const tempToken = randomBytes(32).toString('base64url');
  await db
    .insertInto('registration_tokens')
    .values({
      token_hash: sha256(tempToken),
      phone: input.phone,
      factory_id: factoryId,
      expires_at: now + TEMP_TOKEN_TTL_MS,
      created_at: now,
    })
    .execute();
  return { tempToken, factoryId, expiresIn: TEMP_TOKEN_TTL_MS / 1000 };
}

/**
 * Spec 002 §1.4 `register-phase-two`: spends the tempToken and creates an `unactivated` factory
 * user with the verified phone, in one transaction (a refused user leaves the token unspent).
 * `department` may be a code, a display name or free text (resolveDepartment).
 * @returns the new user's id, username, factory and status.
 * @throws AppError UNAUTHENTICATED (unknown, expired or used tempToken), CONFLICT (username,
 *   email or phone taken).
 */
export async function registerPhaseTwo(
  db: Db,
  input: {
    tempToken: string;
    username: string;
    password: string;
    fullName: string;
    email?: string | undefined;
    department?: string | undefined;
  },
  now = Date.now(),
): Promise<{ id: number; username: string; factoryId: string; status: 'unactivated' }> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction().execute(async (trx) => {
      const hash = sha256(input.tempToken);
      if (!(await spendOnce(trx, 'registration_tokens', 'used_at', { token_hash: hash }, now, 'expires_at'))) {
        throw new AppError('UNAUTHENTICATED', '临时令牌无效或已使用');
      }
      const reg = await trx
        .selectFrom('registration_tokens')
        .select(['phone', 'factory_id'])
        .where('token_hash', '=', hash)
        .executeTakeFirstOrThrow();
      const email = input.email?.toLowerCase() ?? null;
      const taken = await trx
        .selectFrom('users')
        .select(['username', 'email', 'phone'])
        .where((eb) =>
          eb.or([eb('username', '=', input.username), eb('phone', '=', reg.phone), ...(email ? [eb('email', '=', email)] : [])]),
        )
        .executeTakeFirst();
      if (taken) {
        const what = taken.username === input.username ? '用户名' : taken.phone === reg.phone ? '手机号' : '邮箱';
        throw new AppError('CONFLICT', `${what}已被使用`);
      }
      const user = await trx
        .insertInto('users')
        .values({
          user_type: 'factory',
          factory_id: reg.factory_id,
          username: input.username,
          email,
          phone: reg.phone,
          password_hash: passwordHash,
          name: input.fullName,
          role: 'unactivated',
          ...((await resolveDepartment(trx, input.department)) ?? {}),
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: user.id, username: input.username, factoryId: reg.factory_id, status: 'unactivated' as const };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', '用户名、邮箱或手机号已被使用', [], { cause: err });
    throw err;
  }
}
