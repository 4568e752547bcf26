import type { Db } from '../../../db/connect.ts';
import { AppError } from '../../../errors.ts';
import { verifyCredentials } from '../credentials.ts';
import { hashPassword } from '../passwords.ts';
import { NEXT_TOKEN_EPOCH, type Principal } from '../principal.ts';
import { revokeAllRefreshTokens } from '../refresh-tokens.ts';

/**
 * `PUT /api/auth/password`: checks the old password with `verifyCredentials`, stores the new
 * one and ends every session of the user: access tokens issued before (the caller's included)
 * through the token epoch, refresh tokens by revocation.
 * Wrong old passwords count towards the account's failed-login lockout.
 * @param input.ip the client address.
 * @throws AppError INVALID_CREDENTIALS (old password wrong), RATE_LIMITED (locked), VALIDATION_FAILED (same password).
 */
export async function changePassword(
  db: Db,
  principal: Principal,
  input: { oldPassword: string; newPassword: string; ip: string },
): Promise<void> {
  const user = await db.selectFrom('users').select(['username', 'user_type']).where('id', '=', principal.id).executeTakeFirst();
  if (!user?.username || user.user_type === 'wechat') throw new AppError('PERMISSION_DENIED', '该账号不支持密码登录');
  await verifyCredentials(db, { login: user.username, password: input.oldPassword, userType: user.user_type, ip: input.ip });
  if (input.oldPassword === input.newPassword) throw new AppError('VALIDATION_FAILED', '新密码不能与旧密码相同');
  await db
    .updateTable('users')
    .set({ password_hash: await hashPassword(input.newPassword), updated_at: Date.now(), token_epoch: NEXT_TOKEN_EPOCH })
    .where('id', '=', principal.id)
    .execute();
  await revokeAllRefreshTokens(db, principal.id);
}
