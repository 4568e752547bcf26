/** The RFC 6749 token endpoint of the device flow: RFC 8628 §3.4 polls and §6 refresh grants. */
import type { DeviceCodeStatus } from '../../../../db/database.ts';
import type { Db } from '../../../db/connect.ts';
import { AppError } from '../../../errors.ts';
import { issueRefreshToken, rotateRefreshToken } from '../refresh-tokens.ts';
import type { TokenService } from '../tokens.ts';
import {
  ACCESS_TOKEN_TTL_S,
  DEVICE_GRANT_TYPE,
  hashDeviceCode,
  oauthError,
  REFRESH_TOKEN_TTL_S,
  requireActiveClient,
  SLOW_DOWN_STEP_S,
} from './device-codes.ts';
import { defaultScopes, wireRole } from './token-introspection.ts';

/** Polls a little early (network jitter) still count as on time. */
const POLL_JITTER_MS = 250;

type OAuthDeps = { db: Db; tokens: TokenService };

/** A successful RFC 6749 §5.1 token response. */
export interface TokenSuccess {
  access_token: string;
  refresh_token: string;
  token_type: 'Bearer';
  /** Seconds. */
  expires_in: number;
  scope: string;
}

async function issueTokens(
  deps: OAuthDeps,
  user: { id: number; user_type: 'platform' | 'factory' | 'wechat'; role: string; factory_id: string | null; token_epoch: number },
  clientId: string,
  scope: string,
  refreshToken?: string,
): Promise<TokenSuccess> {
  const access = await deps.tokens.issue(
    {
      sub: String(user.id),
      role: user.role,
      fid: user.factory_id ?? undefined,
      family: 'bi',
      scope,
      client_id: clientId,
      tep: user.token_epoch,
    },
    ACCESS_TOKEN_TTL_S,
  );
  const refresh =
    refreshToken ??
    (await issueRefreshToken(deps.db, { userId: user.id, client: `oauth:${clientId}`, ttlSeconds: REFRESH_TOKEN_TTL_S })).refreshToken;
  return { access_token: access.token, refresh_token: refresh, token_type: 'Bearer', expires_in: ACCESS_TOKEN_TTL_S, scope };
}

/** The scopes granted: those asked for that the user holds, or all the user holds. */
function grantedScope(userType: 'platform' | 'factory' | 'wechat', requested: string | null): string {
  const held = defaultScopes(wireRole(userType));
  if (!requested) return held.join(' ');
  const wanted = requested.split(' ').filter((s) => held.includes(s));
  return (wanted.length ? wanted : held).join(' ');
}

async function loadActiveUser(db: Db, id: number) {
  const u = await db
    .selectFrom('users')
    .select(['id', 'user_type', 'role', 'factory_id', 'is_active', 'token_epoch'])
    .where('id', '=', id)
    .executeTakeFirst();
  return u && u.is_active === 1 ? { ...u, id: Number(u.id), token_epoch: Number(u.token_epoch) } : undefined;
}

/**
 * RFC 8628 §3.4–3.5 device access token request (spec 004 §3).
 * Outcomes: authorization_pending; slow_down when polled sooner than the current interval (the
 * interval then grows by 5 s for this and every later poll); access_denied; expired_token;
 * invalid_grant for an unknown, foreign or already redeemed device_code. Once approved, the
 * first poll gets a 1 h access token and a refresh token (client `oauth:<client_id>`); the code
 * is spent atomically so that a second poll gets nothing.
 * @throws AppError OAUTH_* with the outcome (the edge renders RFC 6749 §5.2 bodies).
 */
export async function pollDeviceToken(
  deps: OAuthDeps,
  input: { clientId?: string | undefined; deviceCode?: string | undefined },
  now = Date.now(),
): Promise<TokenSuccess> {
  const clientId = await requireActiveClient(deps.db, input.clientId);
  if (!input.deviceCode) throw oauthError('invalid_request', 'device_code is required');
  const hash = hashDeviceCode(input.deviceCode);
  const row = await deps.db.selectFrom('oauth_device_codes').selectAll().where('device_code_hash', '=', hash).executeTakeFirst();
  if (!row || row.client_id !== clientId) throw oauthError('invalid_grant', 'Unknown device_code');
  if (row.status === 'consumed') throw oauthError('invalid_grant', 'device_code already used');
  if (row.status === 'denied') throw oauthError('access_denied', 'The user denied the authorization request');
  if (Number(row.expires_at) <= now) throw oauthError('expired_token', 'The device_code has expired');
  if (row.status === 'pending') {
    const last = row.last_polled_at === null ? null : Number(row.last_polled_at);
    const tooSoon = last !== null && now - last < row.interval_s * 1000 - POLL_JITTER_MS;
    const interval = tooSoon ? row.interval_s + SLOW_DOWN_STEP_S : row.interval_s;
    await deps.db
      .updateTable('oauth_device_codes')
      .set({ last_polled_at: now, interval_s: interval })
      .where('device_code_hash', '=', hash)
      .execute();
    throw tooSoon
      ? oauthError('slow_down', `Polling too fast: wait ${interval} s between requests`)
      : oauthError('authorization_pending', 'User has not yet authorized');
  }
  const spent = await deps.db
    .updateTable('oauth_device_codes')
    .set({ status: 'consumed' satisfies DeviceCodeStatus, last_polled_at: now })
    .where('device_code_hash', '=', hash)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  if (Number(spent.numUpdatedRows) !== 1) throw oauthError('invalid_grant', 'device_code already used');
  const user = row.user_id === null ? undefined : await loadActiveUser(deps.db, Number(row.user_id));
  if (!user) throw oauthError('invalid_grant', 'The approving account is no longer active');
  return issueTokens(deps, user, row.client_id, grantedScope(user.user_type, row.scope));
}

/**
 * RFC 6749 §6 refresh for OAuth clients: rotates the refresh token (reuse revokes the family)
 * and issues a new 1 h access token.
 * @throws AppError OAUTH_INVALID_GRANT for unknown, expired, revoked, reused or foreign refresh tokens.
 */
export async function refreshDeviceToken(
  deps: OAuthDeps,
  input: { clientId?: string | undefined; refreshToken?: string | undefined },
): Promise<TokenSuccess> {
  const clientId = await requireActiveClient(deps.db, input.clientId);
  if (!input.refreshToken) throw oauthError('invalid_request', 'refresh_token is required');
  let rotated: Awaited<ReturnType<typeof rotateRefreshToken>>;
  try {
    rotated = await rotateRefreshToken(deps.db, input.refreshToken, { client: `oauth:${clientId}`, ttlSeconds: REFRESH_TOKEN_TTL_S });
  } catch (err) {
    if (err instanceof AppError && err.code === 'UNAUTHENTICATED') throw oauthError('invalid_grant', err.message);
    throw err;
  }
  const user = await loadActiveUser(deps.db, rotated.userId);
  if (!user) throw oauthError('invalid_grant', 'The account is no longer active');
  return issueTokens(deps, user, clientId, grantedScope(user.user_type, null), rotated.refreshToken);
}

/**
 * RFC 6749 §4 token endpoint dispatch by grant_type (device_code and refresh_token grants).
 * @throws AppError OAUTH_UNSUPPORTED_GRANT_TYPE for any other grant, OAUTH_INVALID_REQUEST when
 *   grant_type is missing, and the outcomes of the grant.
 */
export async function tokenRequest(
  deps: OAuthDeps,
  form: {
    grant_type?: string | undefined;
    client_id?: string | undefined;
    device_code?: string | undefined;
    refresh_token?: string | undefined;
  },
  now = Date.now(),
): Promise<TokenSuccess> {
  if (!form.grant_type) throw oauthError('invalid_request', 'grant_type is required');
  if (form.grant_type === DEVICE_GRANT_TYPE) return pollDeviceToken(deps, { clientId: form.client_id, deviceCode: form.device_code }, now);
  if (form.grant_type === 'refresh_token') return refreshDeviceToken(deps, { clientId: form.client_id, refreshToken: form.refresh_token });
  throw oauthError('unsupported_grant_type', `grant_type ${form.grant_type} is not supported`);
}
