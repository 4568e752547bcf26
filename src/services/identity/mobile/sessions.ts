import { createHash, randomBytes } from 'node:crypto';
import type { UserRow, UserType } from '../../../../db/database.ts';
import type { Db } from '../../../db/connect.ts';
import type { AppDeps } from '../../../deps.ts';
import { AppError } from '../../../errors.ts';
import { hashPassword } from '../passwords.ts';
import { effectivePermissions } from '../permissions.ts';
import { NEXT_TOKEN_EPOCH, type Principal, revokeToken } from '../principal.ts';
import { verifyCredentials } from '../credentials.ts';
import { type DepartmentView, departmentView } from '../departments.ts';
import { issueRefreshToken, revokeFamily, revokeRefreshToken, rotateRefreshToken } from '../refresh-tokens.ts';

/** Mobile access tokens live 2 h; refresh tokens 30 days, rotated on each use (ROUTES.md "mobile"). */
export const MOBILE_ACCESS_TTL_SECONDS = 2 * 3600;
export const MOBILE_REFRESH_TTL_SECONDS = 30 * 24 * 3600;
const CLIENT = 'mobile' as const;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

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
    permissions: [...effectivePermissions(row.role, parseList(row.permissions))].sort(),
  };
}

/** Issues an access token and a new refresh-token family for a user. */
export async function issueMobileSession(deps: Deps, user: UserRow, deviceId?: string | null): Promise<MobileSession> {
  const access = await deps.tokens.issue(
    {
      sub: String(user.id),
      role: user.role,
      ...(user.factory_id ? { fid: user.factory_id } : {}),
      family: CLIENT,
      tep: Number(user.token_epoch),
    },
    MOBILE_ACCESS_TTL_SECONDS,
  );
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

/** Refuses accounts that may not hold a session yet. */
function assertMaySignIn(user: UserRow): void {
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
  const rotated = await rotateRefreshToken(deps.db, refreshToken, { client: CLIENT, ttlSeconds: MOBILE_REFRESH_TTL_SECONDS });
  const user = await deps.db.selectFrom('users').selectAll().where('id', '=', rotated.userId).executeTakeFirst();
  if (!user?.is_active || user.role === 'unactivated') {
    await revokeFamily(deps.db, rotated.familyId);
    throw new AppError('UNAUTHENTICATED', 'User inactive');
  }
  const access = await deps.tokens.issue(
    {
      sub: String(user.id),
      role: user.role,
      ...(user.factory_id ? { fid: user.factory_id } : {}),
      family: CLIENT,
      tep: Number(user.token_epoch),
    },
    MOBILE_ACCESS_TTL_SECONDS,
  );
  return {
    token: access.token,
    refreshToken: rotated.refreshToken,
    expiresAt: access.expiresAt,
    tokens: { accessToken: access.token, refreshToken: rotated.refreshToken, expiresIn: MOBILE_ACCESS_TTL_SECONDS },
  };
}

/**
 * Ends a session: revokes the access token's jti, and the refresh family of the given refresh
 * token (when it is the caller's) or else every family the caller holds for `client`.
 * @param client the refresh tokens' client (`mobile`, `admin`).
 */
export async function endSession(db: Db, principal: Principal, client: string, refreshToken?: string): Promise<void> {
  await revokeToken(db, principal);
  if (refreshToken) {
    const row = await db.selectFrom('refresh_tokens').select('user_id').where('token_hash', '=', sha256(refreshToken)).executeTakeFirst();
    if (row?.user_id === principal.id) await revokeRefreshToken(db, refreshToken);
    return;
  }
  await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: Date.now() })
    .where('user_id', '=', principal.id)
    .where('client', '=', client)
    .where('revoked_at', 'is', null)
    .execute();
}

/** `POST /api/mobile/auth/logout`: endSession for the mobile app's refresh tokens. */
export async function logoutMobile(db: Db, principal: Principal, refreshToken?: string): Promise<void> {
  await endSession(db, principal, CLIENT, refreshToken);
}

/** Revokes every refresh token of a user (password change or reset). */
export async function revokeAllRefreshTokens(db: Db, userId: number): Promise<void> {
  await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: Date.now() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Spec 002 password rule: 8–64 characters with at least one letter and one digit. */
export const PASSWORD_RULE = { min: 8, max: 64, pattern: /^(?=.*[A-Za-z])(?=.*\d).+$/ } as const;

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

// ---- devices (spec 002 §2) ----------------------------------------------------------------------

export interface DeviceInfo {
  deviceModel?: string | undefined;
  platform?: string | undefined;
  osVersion?: string | undefined;
}

function deviceView(d: {
  id: number;
  device_id: string;
  device_model: string | null;
  platform: string | null;
  os_version: string | null;
  created_at: number;
  last_login_at: number | null;
}) {
  return {
    id: d.id,
    deviceId: d.device_id,
    deviceModel: d.device_model,
    platform: d.platform,
    osVersion: d.os_version,
    boundAt: d.created_at,
    lastLoginAt: d.last_login_at,
  };
}
export type DeviceView = ReturnType<typeof deviceView>;

/**
 * `POST /api/mobile/auth/bind-device`: binds (or re-binds) a device to the caller and returns a
 * new device token, 256 random bits shown once and stored as SHA-256. Re-binding replaces the
 * previous token.
 */
export async function bindDevice(
  db: Db,
  userId: number,
  input: { deviceId: string; deviceInfo?: DeviceInfo | undefined },
): Promise<{ deviceToken: string; device: DeviceView }> {
  const deviceToken = randomBytes(32).toString('base64url');
  const now = Date.now();
  const values = {
    device_model: input.deviceInfo?.deviceModel ?? null,
    platform: input.deviceInfo?.platform ?? null,
    os_version: input.deviceInfo?.osVersion ?? null,
    token_hash: sha256(deviceToken),
  };
  await db
    .insertInto('user_devices')
    .values({ user_id: userId, device_id: input.deviceId, created_at: now, ...values })
    .onConflict((oc) => oc.columns(['user_id', 'device_id']).doUpdateSet({ ...values, created_at: now }))
    .execute();
  const row = await db
    .selectFrom('user_devices')
    .selectAll()
    .where('user_id', '=', userId)
    .where('device_id', '=', input.deviceId)
    .executeTakeFirstOrThrow();
  return { deviceToken, device: deviceView(row) };
}

/** `GET /api/mobile/auth/devices`: the caller's bound devices, newest first. */
export async function listDevices(db: Db, userId: number): Promise<DeviceView[]> {
  const rows = await db.selectFrom('user_devices').selectAll().where('user_id', '=', userId).orderBy('created_at', 'desc').execute();
  return rows.map(deviceView);
}

/**
 * `POST /api/mobile/auth/device-login`: a bound device signs in with its device token.
 * @throws AppError UNAUTHENTICATED for an unknown device or token; PERMISSION_DENIED for an
 *   inactive or not yet activated account.
 */
export async function deviceLogin(deps: Deps, input: { deviceId: string; deviceToken: string }): Promise<MobileSession> {
  const device = await deps.db
    .selectFrom('user_devices')
    .select(['id', 'user_id'])
    .where('token_hash', '=', sha256(input.deviceToken))
    .where('device_id', '=', input.deviceId)
    .executeTakeFirst();
  if (!device) throw new AppError('UNAUTHENTICATED', '设备未绑定或设备令牌无效');
  const user = await deps.db.selectFrom('users').selectAll().where('id', '=', device.user_id).executeTakeFirstOrThrow();
  if (!user.is_active) throw new AppError('PERMISSION_DENIED', '账号已停用');
  assertMaySignIn(user);
  const now = Date.now();
  await deps.db.updateTable('user_devices').set({ last_login_at: now }).where('id', '=', device.id).execute();
  await deps.db.updateTable('users').set({ last_login_at: now }).where('id', '=', user.id).execute();
  return issueMobileSession(deps, user, input.deviceId);
}

function parseList(text: string): string[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
