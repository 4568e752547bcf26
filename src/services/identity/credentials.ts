import type { UserRow } from '../../../db/database.ts';
import type { Db } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { loginFailed, loginSucceeded, reserveLoginAttempt } from './login-lockout.ts';
import { verifyPassword } from './passwords.ts';

/**
 * Checks a username (or email, or phone) and password, the one credential check behind every
 * password login (spec 001 /api/login, spec 002 unified/factory/platform login and password
 * change, spec 003 v1 login, the /device page), so every one of them shares the failed-login
 * lockout (`LOGIN_LOCKOUT`: 5 attempts per account and address, 20 per account, growing locks
 * from 1 min to 60 min; OWASP Authentication Cheat Sheet). The attempt is reserved before the
 * password is checked; a success clears the account's count. An unknown user and a wrong password
 * cost the same time, lock alike and raise the same error.
 * @param opts.ip the client address (`ctx.ip`, `c.get('clientIp')`).
 * @param opts.factoryId restrict to one factory's users (spec 002 factory login).
 * @param opts.userType restrict to `platform` or `factory` users.
 * @param now epoch ms.
 * @returns the user row.
 * @throws AppError RATE_LIMITED (`登录失败次数过多，请 N 秒后再试`, with `retryAfterSeconds`),
 *   INVALID_CREDENTIALS (`用户名或密码错误`), PERMISSION_DENIED for a deactivated account.
 */
export async function verifyCredentials(
  db: Db,
  opts: { login: string; password: string; ip: string; factoryId?: string; userType?: 'platform' | 'factory' },
  now = Date.now(),
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
  const attempt = await reserveLoginAttempt(db, { userId: user?.id, login, ip: opts.ip }, now);
  const ok = await verifyPassword(user?.password_hash, opts.password);
  if (!user || !ok) {
    await loginFailed(db, attempt, now);
    throw new AppError('INVALID_CREDENTIALS', '用户名或密码错误');
  }
  await loginSucceeded(db, attempt);
  if (!user.is_active) throw new AppError('PERMISSION_DENIED', '账号已停用');
  await db.updateTable('users').set({ last_login_at: now }).where('id', '=', user.id).execute();
  return user;
}
