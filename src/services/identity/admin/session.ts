import type { AppDeps } from '../../../deps.ts';
import { AppError } from '../../../errors.ts';
import { uniqueOr409 } from '../../master-data/common.ts';
import { type AdminUser, assertLoginFree, roleLabel, toAdminUser } from '../../tenants/factory-users.ts';
import { verifyCredentials } from '../credentials.ts';
import { departmentView } from '../departments.ts';
import { hashPassword } from '../passwords.ts';
import type { Principal } from '../principal.ts';
import { endSession, issueRefreshToken, rotateUserSession } from '../refresh-tokens.ts';
import { issueUserToken } from '../tokens.ts';

/** Back-office access tokens last 24 hours (spec 001 is silent; a working day plus margin). */
export const ADMIN_TOKEN_TTL_SECONDS = 24 * 3600;
/** Back-office refresh tokens: 30 days, rotated on each use like the mobile app's. */
export const ADMIN_REFRESH_TTL_SECONDS = 30 * 24 * 3600;
const CLIENT = 'admin' as const;

type Deps = Pick<AppDeps, 'db' | 'tokens'>;

/** A back-office session: the access token, its refresh token and the access token's lifetime. */
export interface AdminTokens {
  token: string;
  /** Opaque, rotated on each use; reuse of a spent one revokes its family. */
  refresh_token: string;
  /** Access-token lifetime, seconds. */
  expires_in: number;
}

/**
 * Spec 001 `POST /api/login`: username (or email/phone) and password through the shared
 * `verifyCredentials` (with its failed-login lockout), then an access token for the back office
 * and, beside spec 001's fields, a refresh token for `POST /api/refresh-token`.
 * @param input.ip the client address.
 * @returns `{ token, refresh_token, expires_in, user: {id, username, email, name} }`.
 * @throws AppError RATE_LIMITED (locked), INVALID_CREDENTIALS, PERMISSION_DENIED (deactivated account).
 */
export async function adminLogin(
  deps: Deps,
  input: { username: string; password: string; ip: string },
): Promise<AdminTokens & { user: AdminUser }> {
  const user = await verifyCredentials(deps.db, { login: input.username, password: input.password, ip: input.ip });
  const { token } = await issueUserToken(deps.tokens, user, CLIENT, ADMIN_TOKEN_TTL_SECONDS);
  const refresh = await issueRefreshToken(deps.db, { userId: user.id, client: CLIENT, ttlSeconds: ADMIN_REFRESH_TTL_SECONDS });
  return { token, refresh_token: refresh.refreshToken, expires_in: ADMIN_TOKEN_TTL_SECONDS, user: toAdminUser(user) };
}

/**
 * `POST /api/refresh-token` (the later back office of spec 001, REAL-CLIENTS.md): rotates a
 * back-office refresh token (RFC 6749 §6; reuse of a spent one revokes its family) and issues a
 * new access token for the user's current role.
 * @throws AppError UNAUTHENTICATED (unknown, expired, revoked, reused or foreign token; deactivated user).
 */
export async function refreshAdminSession(deps: Deps, refreshToken: string): Promise<AdminTokens> {
  const rotated = await rotateUserSession(deps.db, refreshToken, { client: CLIENT, ttlSeconds: ADMIN_REFRESH_TTL_SECONDS });
  const { token } = await issueUserToken(deps.tokens, rotated.user, CLIENT, ADMIN_TOKEN_TTL_SECONDS);
  return { token, refresh_token: rotated.refreshToken, expires_in: ADMIN_TOKEN_TTL_SECONDS };
}

/**
 * Spec 001 `POST /api/logout`: revokes the presented access token and the refresh family of
 * `refreshToken`, or every back-office refresh family of the caller when none is given.
 */
export async function adminLogout(db: AppDeps['db'], principal: Principal, refreshToken?: string): Promise<void> {
  await endSession(db, principal, CLIENT, refreshToken);
}

export interface RegisterInput {
  username: string;
  email: string;
  password: string;
  name?: string | undefined;
  /** Optional extension: the factory to ask to join; unknown or inactive factories are refused. */
  factory_id?: string | undefined;
}

/**
 * Spec 001 `POST /api/register`: a self-registered account is `unactivated` (no permissions)
 * until a factory admin activates it (ROUTES.md "admin"). Without `factory_id` it belongs to no
 * factory.
 * @returns the new user `{id, username, email, name}`.
 * @throws AppError DUPLICATE_RESOURCE (username or email taken), VALIDATION_FAILED (unknown factory).
 */
export async function registerUser(deps: Pick<AppDeps, 'db'>, input: RegisterInput): Promise<AdminUser> {
  if (input.factory_id !== undefined) {
    const factory = await deps.db
      .selectFrom('factories')
      .select('id')
      .where('id', '=', input.factory_id)
      .where('is_active', '=', 1)
      .executeTakeFirst();
    if (!factory) throw new AppError('VALIDATION_FAILED', '工厂不存在', [{ field: 'factory_id', message: '工厂不存在' }]);
  }
  await assertLoginFree(deps.db, input.username, input.email);
  const now = Date.now();
  const passwordHash = await hashPassword(input.password);
  const row = await uniqueOr409(
    () =>
      deps.db
        .insertInto('users')
        .values({
          user_type: 'factory',
          factory_id: input.factory_id ?? null,
          role: 'unactivated',
          username: input.username,
          email: input.email.toLowerCase(),
          name: input.name ?? null,
          password_hash: passwordHash,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    '用户名或邮箱已存在',
    'username',
  );
  return toAdminUser(row);
}

/**
 * Spec 001 `GET /api/users/me`: the caller with role labels and department names (a coded
 * department by its display name).
 * @throws AppError USER_NOT_FOUND when the account vanished since the token was checked.
 */
export async function currentUser(db: AppDeps['db'], userId: number): Promise<AdminUser & { roles: string[]; departments: string[] }> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user) throw new AppError('USER_NOT_FOUND', '用户不存在');
  const { departmentDisplayName } = await departmentView(db, user);
  return { ...toAdminUser(user), roles: [roleLabel(user.role)], departments: departmentDisplayName ? [departmentDisplayName] : [] };
}
