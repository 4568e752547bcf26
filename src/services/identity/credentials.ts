import type { UserRow } from '../../../db/database.ts';
import type { Db } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { verifyPassword } from '../auth/passwords.ts';

/**
 * Checks a username (or email, or phone) and password, the one credential check behind every
 * password login (spec 001 /api/login, spec 002 unified/factory/platform login, spec 003 v1 login,
 * the /device page). An unknown user and a wrong password cost the same time and raise the
 * same error.
 * @param opts.factoryId restrict to one factory's users (spec 002 factory login).
 * @param opts.userType restrict to `platform` or `factory` users.
 * @returns the user row.
 * @throws AppError INVALID_CREDENTIALS (`用户名或密码错误`), PERMISSION_DENIED for a deactivated account.
 */
export async function verifyCredentials(
  db: Db,
  opts: { login: string; password: string; factoryId?: string; userType?: 'platform' | 'factory' },
): Promise<UserRow> {
  const login = opts.login.trim();
  let q = db
    .selectFrom('users')
    .selectAll()
    .where((eb) => eb.or([eb('username', '=', login), eb('email', '=', login.toLowerCase()), eb('phone', '=', login)]));
  if (opts.factoryId !== undefined) q = q.where('factory_id', '=', opts.factoryId);
  if (opts.userType !== undefined) q = q.where('user_type', '=', opts.userType);
  else q = q.where('user_type', '!=', 'wechat');
  const user = await q.executeTakeFirst();
  const ok = await verifyPassword(user?.password_hash, opts.password);
  if (!user || !ok) throw new AppError('INVALID_CREDENTIALS', '用户名或密码错误');
  if (!user.is_active) throw new AppError('PERMISSION_DENIED', '账号已停用');
  await db.updateTable('users').set({ last_login_at: Date.now() }).where('id', '=', user.id).execute();
  return user;
}
