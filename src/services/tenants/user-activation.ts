import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { type DepartmentView, departmentViews, resolveDepartment } from '../identity/departments.ts';
import { hashPassword } from '../identity/passwords.ts';
import { canGrantRole, hasPermission, type Permission, roleRank } from '../identity/permissions.ts';
import { NEXT_TOKEN_EPOCH } from '../identity/principal.ts';
import { revokeAllRefreshTokens } from '../identity/refresh-tokens.ts';
import { findFactoryUserRow } from './factory-users.ts';

/** The acting factory administrator. */
export interface FactoryAdmin {
  id: number;
  role: string;
  factoryId: string;
  permissions: ReadonlySet<Permission>;
}

export interface PendingUser extends DepartmentView {
  id: number;
  username: string | null;
  fullName: string | null;
  phone: string | null;
  email: string | null;
  /** Epoch ms. */
  createdAt: number;
}

/** `GET /api/users/pending` (spec 002 §3.2): the factory's `unactivated` accounts, oldest first. */
export async function listPendingUsers(db: Db, factoryId: string): Promise<PendingUser[]> {
  const rows = await db
    .selectFrom('users')
    .selectAll()
    .where('factory_id', '=', factoryId)
    .where('role', '=', 'unactivated')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const departments = await departmentViews(db, rows);
  return rows.map((u, i) => ({
    id: u.id,
    username: u.username,
    fullName: u.name,
    phone: u.phone,
    email: u.email,
    ...departments[i]!,
    createdAt: u.created_at,
  }));
}

/**
 * `PUT /api/users/{id}/activate` (spec 002 §3.3): gives an `unactivated` user of the admin's
 * factory a factory role no higher than the admin's own (roleRank) and optional extra
 * permissions, each of which the admin must hold. `department` may be a code, a display name or
 * free text (resolveDepartment); absent, the user's own is kept.
 * @throws AppError USER_NOT_FOUND, CONFLICT (already active), PERMISSION_DENIED (role above the
 *   admin's, permission the admin lacks), VALIDATION_FAILED (not a factory role).
 */
export async function activateUser(
  db: Db,
  admin: FactoryAdmin,
  userId: number,
  input: { roleCode: string; department?: string | undefined; position?: string | undefined; permissions?: string[] | undefined },
): Promise<{ id: number; username: string | null; role: string; permissions: string[] }> {
  const user = await findFactoryUserRow(db, admin.factoryId, userId);
  if (user.role !== 'unactivated') throw new AppError('CONFLICT', '用户已激活');
  if (!canGrantRole(admin.role, input.roleCode)) {
    throw new AppError(
      roleRank(input.roleCode) < roleRank(admin.role) ? 'PERMISSION_DENIED' : 'VALIDATION_FAILED',
      roleRank(input.roleCode) < roleRank(admin.role) ? '不能授予高于自身的角色' : '无效的角色代码',
    );
  }
  const extra = [...new Set(input.permissions ?? [])];
  const missing = extra.filter((p) => !hasPermission(admin.permissions, p));
  if (missing.length) throw new AppError('PERMISSION_DENIED', `不能授予自身没有的权限: ${missing.join(', ')}`);
  const department = await resolveDepartment(db, input.department);
  await db
    .updateTable('users')
    .set({
      role: input.roleCode,
      permissions: JSON.stringify(extra),
      ...department,
      position: input.position ?? user.position,
      updated_at: Date.now(),
    })
    .where('id', '=', user.id)
    .where('role', '=', 'unactivated')
    .execute();
  return { id: user.id, username: user.username, role: input.roleCode, permissions: extra };
}

/**
 * `PUT /api/users/{id}/reset-password` (spec 002 §3.5): sets a new password (given, or a random
 * 14-character one returned once) for a user of the admin's factory whose role is no higher
 * than the admin's, and ends the user's sessions (access tokens through the token epoch, refresh
 * tokens by revocation). Not for the admin's own account.
 * @returns the temporary password when none was given.
 * @throws AppError USER_NOT_FOUND, PERMISSION_DENIED (higher role, or self).
 */
export async function resetUserPassword(
  db: Db,
  admin: FactoryAdmin,
  userId: number,
  newPassword?: string,
): Promise<{ temporaryPassword?: string }> {
  const user = await findFactoryUserRow(db, admin.factoryId, userId);
  if (user.id === admin.id) throw new AppError('PERMISSION_DENIED', '请使用修改密码功能修改自己的密码');
  if (roleRank(user.role) < roleRank(admin.role)) throw new AppError('PERMISSION_DENIED', '不能重置更高角色用户的密码');
  const password = newPassword ?? `${randomBytes(9).toString('base64url')}a1`;
  await db
    .updateTable('users')
    .set({ password_hash: await hashPassword(password), updated_at: Date.now(), token_epoch: NEXT_TOKEN_EPOCH })
    .where('id', '=', user.id)
    .execute();
  await revokeAllRefreshTokens(db, user.id);
  return newPassword ? {} : { temporaryPassword: password };
}
