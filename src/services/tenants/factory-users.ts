import type { UserRow } from '../../../db/database.ts';
import type { Db } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { hashPassword } from '../identity/passwords.ts';
import { type FACTORY_ROLES, roleRank } from '../identity/permissions.ts';
import { NEXT_TOKEN_EPOCH } from '../identity/principal.ts';
import { revokeAllRefreshTokens } from '../identity/refresh-tokens.ts';
import { defined, uniqueOr409 } from '../master-data/common.ts';

/** Spec 001's user object, plus phone, role and activity the back office shows. */
export interface AdminUser {
  id: number;
  username: string | null;
  email: string | null;
  name: string | null;
  phone?: string | null;
  role?: string;
  is_active?: boolean;
}

const ROLE_LABELS: Record<string, string> = {
  developer: '开发者',
  platform_admin: '平台管理员',
  factory_super_admin: '工厂超级管理员',
  permission_admin: '权限管理员',
  department_admin: '部门管理员',
  operator: '操作员',
  viewer: '查看者',
  unactivated: '未激活用户',
  wechat_customer: '微信客户',
};

/** The Chinese label of a role, as spec 001's `roles` list shows them (`管理员`). */
export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? role;
}

/** The spec 001 user object `{id, username, email, name}` of a row. */
export function toAdminUser(u: UserRow): AdminUser {
  return { id: u.id, username: u.username, email: u.email, name: u.name };
}

function toListedUser(u: UserRow): AdminUser {
  return { ...toAdminUser(u), phone: u.phone, role: u.role, is_active: u.is_active === 1 };
}

/** Spec 001 `GET /api/users`: the factory's users, by id. */
export async function listFactoryUsers(db: Db, factoryId: string): Promise<AdminUser[]> {
  const rows = await db.selectFrom('users').selectAll().where('factory_id', '=', factoryId).orderBy('id').execute();
  return rows.map(toListedUser);
}

/**
 * The row of a user of the factory (the tenant rule of every user route).
 * @param field the input field the error details name (spec 001's `user_id`); none when absent.
 * @throws AppError USER_NOT_FOUND, also for another factory's user.
 */
export async function findFactoryUserRow(db: Db, factoryId: string, userId: number, field?: string): Promise<UserRow> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', userId).where('factory_id', '=', factoryId).executeTakeFirst();
  if (!row) throw new AppError('USER_NOT_FOUND', '用户不存在', field ? [{ field, message: `user ${userId} does not exist` }] : []);
  return row;
}

/**
 * Spec 001 `GET /api/users/{user_id}`.
 * @throws AppError USER_NOT_FOUND, also for another factory's user.
 */
export async function getFactoryUser(db: Db, factoryId: string, userId: number): Promise<AdminUser> {
  return toListedUser(await findFactoryUserRow(db, factoryId, userId, 'user_id'));
}

export interface UserWrite {
  username?: string | undefined;
  email?: string | undefined;
  name?: string | undefined;
  phone?: string | undefined;
  password?: string | undefined;
  /** Extension: a factory role no higher than the caller's own; default `viewer`. */
  role?: (typeof FACTORY_ROLES)[number] | undefined;
}

function assertGrantable(callerRole: string, role: string | undefined): void {
  if (role !== undefined && roleRank(role) < roleRank(callerRole)) {
    throw new AppError('PERMISSION_DENIED', '不能授予高于自身的角色');
  }
}

/**
 * Spec 001 `POST /api/users`: a user of the caller's factory. Without a password the account
 * cannot log in until one is set.
 * @throws AppError DUPLICATE_RESOURCE (username/email/phone taken), PERMISSION_DENIED (role above the caller's).
 */
export async function createFactoryUser(
  db: Db,
  caller: { factoryId: string; role: string },
  input: UserWrite & { username: string; email: string },
): Promise<AdminUser> {
  assertGrantable(caller.role, input.role);
  await assertLoginFree(db, input.username, input.email);
  const now = Date.now();
  const row = await uniqueOr409(
    async () =>
      db
        .insertInto('users')
        .values({
          user_type: 'factory',
          factory_id: caller.factoryId,
          role: input.role ?? 'viewer',
          username: input.username,
          email: input.email.toLowerCase(),
          name: input.name ?? null,
          phone: input.phone ?? null,
          password_hash: input.password ? await hashPassword(input.password) : null,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    '用户名、邮箱或电话已存在',
    'username',
  );
  return toListedUser(row);
}

/**
 * Spec 001 `PUT /api/users/{user_id}` (shared with spec 002): only the fields sent change. A new
 * `password` is an administrator's reset: it ends every session of the user (access tokens
 * through the token epoch, refresh tokens by revocation).
 * @throws AppError USER_NOT_FOUND, DUPLICATE_RESOURCE, PERMISSION_DENIED (touching a higher-ranked user or granting a higher role).
 */
export async function updateFactoryUser(
  db: Db,
  caller: { id: number; factoryId: string; role: string },
  userId: number,
  input: UserWrite,
): Promise<AdminUser> {
  const target = await findFactoryUserRow(db, caller.factoryId, userId, 'user_id');
  if (target.id !== caller.id && roleRank(target.role) < roleRank(caller.role)) {
    throw new AppError('PERMISSION_DENIED', '不能修改更高级别的用户');
  }
  assertGrantable(caller.role, input.role);
  await assertLoginFree(db, input.username, input.email, userId);
  const patch = defined({
    username: input.username,
    email: input.email?.toLowerCase(),
    name: input.name,
    phone: input.phone,
    role: input.role,
    password_hash: input.password ? await hashPassword(input.password) : undefined,
  });
  const row = await uniqueOr409(
    () =>
      db
        .updateTable('users')
        .set({ ...patch, updated_at: Date.now(), ...(patch.password_hash ? { token_epoch: NEXT_TOKEN_EPOCH } : {}) })
        .where('id', '=', userId)
        .where('factory_id', '=', caller.factoryId)
        .returningAll()
        .executeTakeFirstOrThrow(),
    '用户名、邮箱或电话已存在',
    'username',
  );
  if (patch.password_hash) await revokeAllRefreshTokens(db, userId);
  return toListedUser(row);
}

/**
 * Spec 001 `DELETE /api/users/{user_id}`: removes the account and its refresh tokens; rows that
 * named it as creator or responsible keep a null reference.
 * @throws AppError USER_NOT_FOUND, CONFLICT (deleting oneself), PERMISSION_DENIED (higher-ranked user).
 */
export async function deleteFactoryUser(db: Db, caller: { id: number; factoryId: string; role: string }, userId: number): Promise<void> {
  const target = await findFactoryUserRow(db, caller.factoryId, userId, 'user_id');
  if (target.id === caller.id) throw new AppError('CONFLICT', '不能删除自己');
  if (roleRank(target.role) < roleRank(caller.role)) throw new AppError('PERMISSION_DENIED', '不能删除更高级别的用户');
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('refresh_tokens').where('user_id', '=', userId).execute();
    await trx.deleteFrom('users').where('id', '=', userId).where('factory_id', '=', caller.factoryId).execute();
  });
}

/**
 * Refuses a username or email already used by any account (they are unique across tenants).
 * @throws AppError DUPLICATE_RESOURCE naming the field.
 */
export async function assertLoginFree(db: Db, username: string | undefined, email: string | undefined, exceptId?: number) {
  for (const [field, value] of [
    ['username', username],
    ['email', email?.toLowerCase()],
  ] as const) {
    if (value === undefined) continue;
    let q = db.selectFrom('users').select('id').where(field, '=', value);
    if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
    if (await q.executeTakeFirst()) {
      const message = field === 'username' ? '用户名已存在' : '邮箱已存在';
      throw new AppError('DUPLICATE_RESOURCE', message, [{ field, message }]);
    }
  }
}
