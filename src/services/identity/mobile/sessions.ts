import type { UserRow, UserType } from '../../../../db/database.ts';
import type { Db } from '../../../db/connect.ts';
import type { AppDeps } from '../../../deps.ts';
import { AppError } from '../../../errors.ts';
import { verifyCredentials } from '../credentials.ts';
import { type DepartmentView, departmentView } from '../departments.ts';
import { userPermissions } from '../permissions.ts';
import type { Principal } from '../principal.ts';
import { endSession, issueRefreshToken, rotateUserSession } from '../refresh-tokens.ts';
import { issueUserToken } from '../tokens.ts';

/** Mobile access tokens live 2 h; refresh tokens 30 days, rotated on each use (ROUTES.md "mobile"). */
export const MOBILE_ACCESS_TTL_SECONDS = 2 * 3600;
export const MOBILE_REFRESH_TTL_SECONDS = 30 * 24 * 3600;
const CLIENT = 'mobile' as const;

/**
 * The user as spec 002's login answers show it, plus what the Cretas app reads beside it
 * (REAL-CLIENTS.md): `roleCode` (= `role`) and the department as a code and a display name.
 */
export interface SessionUser extends DepartmentView {
  id: number;
  username: string | null;
  userType: UserType;
  role: string;
  roleCode: string;
  factoryId: string | null;
  fullName: string | null;
  permissions: string[];
}

/** The tokens of a session as the Cretas app stores them (`tokens.token || tokens.accessToken`). */
export interface SessionTokens {
  token: string;
  accessToken: string;
  refreshToken: string;
  /** Access-token lifetime, seconds. */
  expiresIn: number;
}

export interface MobileSession {
  user: SessionUser;
  token: string;
  refreshToken: string;
  /** Access-token expiry, epoch ms. */
  expiresAt: number;
  tokens: SessionTokens;
}

type Deps = Pick<AppDeps, 'db' | 'tokens'>;

/** A user row as the session user of spec 002's answers (one query for the department's name). */
export async function sessionUser(db: Db, row: UserRow): Promise<SessionUser> {
  return {
    id: row.id,
    username: row.username,
    userType: row.user_type,
    role: row.role,
    roleCode: row.role,
    factoryId: row.factory_id,
    fullName: row.name,
    ...(await departmentView(db, row)),
    permissions: [...userPermissions(row)].sort(),
  };
}

/** Issues an access token and a new refresh-token family for a user. */
export async function issueMobileSession(deps: Deps, user: UserRow, deviceId?: string | null): Promise<MobileSession> {
  const access = await issueUserToken(deps.tokens, user, CLIENT, MOBILE_ACCESS_TTL_SECONDS);
  const refresh = await issueRefreshToken(deps.db, {
    userId: user.id,
    client: CLIENT,
    ttlSeconds: MOBILE_REFRESH_TTL_SECONDS,
    deviceId: deviceId ?? null,
  });
  return {
    user: await sessionUser(deps.db, user),
    token: access.token,
    refreshToken: refresh.refreshToken,
    expiresAt: access.expiresAt,
    tokens: {
      token: access.token,
      accessToken: access.token,
      refreshToken: refresh.refreshToken,
      expiresIn: MOBILE_ACCESS_TTL_SECONDS,
    },
  };
}

/**
 * Refuses accounts that may not hold a session yet.
 * @throws AppError PERMISSION_DENIED (`账号未激活…`) for a factory user not yet activated.
 */
export function assertMaySignIn(user: UserRow): void {
  if (user.user_type === 'factory' && user.role === 'unactivated') {
    throw new AppError('PERMISSION_DENIED', '账号未激活，请联系工厂管理员激活');
  }
}

/**
 * Password login for spec 002 (`unified-login`, `/api/auth/login`, `/api/auth/platform-login`):
 * checked by `verifyCredentials` (with its failed-login lockout), then a mobile session.
 * @param input.factoryId restrict to one factory (factory login); `userType` to platform or factory.
 * @returns spec 002's `user`, `token`, `refreshToken`, with `tokens` (REAL-CLIENTS.md).
 * @throws AppError RATE_LIMITED (locked), INVALID_CREDENTIALS, PERMISSION_DENIED (deactivated, or
 *   not yet activated: `账号未激活…`).
 */
export async function passwordLogin(
  deps: Deps,
  input: {
    username: string;
    password: string;
    ip: string;
    factoryId?: string;
    userType?: 'platform' | 'factory';
    deviceId?: string | undefined;
  },
): Promise<MobileSession> {
  const user = await verifyCredentials(deps.db, {
    login: input.username,
    password: input.password,
    ip: input.ip,
    ...(input.factoryId !== undefined ? { factoryId: input.factoryId } : {}),
    ...(input.userType !== undefined ? { userType: input.userType } : {}),
  });
  assertMaySignIn(user);
  return issueMobileSession(deps, user, input.deviceId);
}

/**
 * `POST /api/mobile/auth/refresh-token`: rotates the refresh token (reuse revokes the family) and
 * issues a fresh access token for the user's current role.
 * @returns spec 002's `token`, `refreshToken`, `expiresAt` (epoch ms), and the same tokens as the
 *   Cretas app reads them: `tokens: {accessToken, refreshToken, expiresIn}` (seconds).
 * @throws AppError UNAUTHENTICATED (unknown, expired, revoked, reused token; inactive user).
 */
export async function refreshMobileSession(
  deps: Deps,
  refreshToken: string,
): Promise<Omit<MobileSession, 'user' | 'tokens'> & { tokens: Omit<SessionTokens, 'token'> }> {
  const rotated = await rotateUserSession(deps.db, refreshToken, {
    client: CLIENT,
    ttlSeconds: MOBILE_REFRESH_TTL_SECONDS,
    mayHold: (user) => user.role !== 'unactivated',
  });
  const access = await issueUserToken(deps.tokens, rotated.user, CLIENT, MOBILE_ACCESS_TTL_SECONDS);
  return {
    token: access.token,
    refreshToken: rotated.refreshToken,
    expiresAt: access.expiresAt,
    tokens: { accessToken: access.token, refreshToken: rotated.refreshToken, expiresIn: MOBILE_ACCESS_TTL_SECONDS },
  };
}

/** `POST /api/mobile/auth/logout`: endSession for the mobile app's refresh tokens. */
export async function logoutMobile(db: Db, principal: Principal, refreshToken?: string): Promise<void> {
  await endSession(db, principal, CLIENT, refreshToken);
}

/** `GET /api/mobile/auth/profile`. @throws AppError USER_NOT_FOUND. */
export async function mobileProfile(db: Db, userId: number) {
  const row = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!row) throw new AppError('USER_NOT_FOUND', '用户不存在');
  return {
    ...(await sessionUser(db, row)),
    email: row.email,
    phone: row.phone,
    position: row.position,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
  };
}
