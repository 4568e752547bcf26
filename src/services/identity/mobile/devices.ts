import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../../db/connect.ts';
import type { AppDeps } from '../../../deps.ts';
import { AppError } from '../../../errors.ts';
import { assertMaySignIn, issueMobileSession, type MobileSession } from './sessions.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

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
  const row = await db
    .insertInto('user_devices')
    .values({ user_id: userId, device_id: input.deviceId, created_at: now, ...values })
    .onConflict((oc) => oc.columns(['user_id', 'device_id']).doUpdateSet({ ...values, created_at: now }))
    .returningAll()
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
export async function deviceLogin(
  deps: Pick<AppDeps, 'db' | 'tokens'>,
  input: { deviceId: string; deviceToken: string },
): Promise<MobileSession> {
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
