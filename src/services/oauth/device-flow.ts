import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { DeviceCodeStatus } from '../../../db/database.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/connect.ts';
import { AppError, type ErrorCode } from '../../errors.ts';
import { issueRefreshToken, rotateRefreshToken } from '../identity/refresh-tokens.ts';
import type { TokenService } from '../identity/tokens.ts';
import { isActiveClient } from './clients.ts';
import { defaultScopes, wireRole } from './token-introspection.ts';

/** RFC 8628 parameters fixed by ROUTES.md "bi". */
export const DEVICE_CODE_TTL_S = 600;
export const POLL_INTERVAL_S = 5;
export const SLOW_DOWN_STEP_S = 5;
export const ACCESS_TOKEN_TTL_S = 3600;
export const REFRESH_TOKEN_TTL_S = 30 * 86_400;
/** RFC 8628 §6.1: no vowels (no words), no lookalikes; 20^8 ≈ 2^34.6 codes. */
export const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
export const DEVICE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:device_code';
/** Polls a little early (network jitter) still count as on time. */
const POLL_JITTER_MS = 250;

type OAuthDeps = { db: Db; tokens: TokenService; config: Pick<Config, 'PUBLIC_BASE_URL'> };

/** RFC 6749 §5.2 and RFC 8628 §3.5 error codes, as the domain codes the edge renders back to them. */
const OAUTH_CODES = {
  invalid_request: 'OAUTH_INVALID_REQUEST',
  invalid_client: 'OAUTH_INVALID_CLIENT',
  invalid_grant: 'OAUTH_INVALID_GRANT',
  unsupported_grant_type: 'OAUTH_UNSUPPORTED_GRANT_TYPE',
  invalid_scope: 'OAUTH_INVALID_SCOPE',
  authorization_pending: 'OAUTH_AUTHORIZATION_PENDING',
  slow_down: 'OAUTH_SLOW_DOWN',
  access_denied: 'OAUTH_ACCESS_DENIED',
  expired_token: 'OAUTH_EXPIRED_TOKEN',
} as const satisfies Record<string, ErrorCode>;
export type OAuthErrorCode = keyof typeof OAUTH_CODES;

export interface TokenSuccess {
  access_token: string;
  refresh_token: string;
  token_type: 'Bearer';
  /** Seconds. */
  expires_in: number;
  scope: string;
}

/** An RFC 6749 §5.2 failure (400, or 401 for invalid_client), thrown as an AppError. */
const fail = (error: OAuthErrorCode, description: string): AppError => new AppError(OAUTH_CODES[error], description);

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Upper-cases and drops everything but letters: `wdjb-mjht` and `WDJB MJHT` are `WDJBMJHT`. */
export function normalizeUserCode(input: string): string {
  return input.toUpperCase().replace(/[^A-Z]/g, '');
}

/** `WDJBMJHT` → `WDJB-MJHT`. */
export function formatUserCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

function newUserCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  return code;
}

/** The client must be registered and active (src/services/oauth/clients.ts). */
async function checkClient(db: Db, clientId: string | undefined): Promise<string> {
  if (!clientId) throw fail('invalid_request', 'client_id is required');
  if (!(await isActiveClient(db, clientId))) throw fail('invalid_client', 'Unknown client');
  return clientId;
}

export interface DeviceAuthorization {
  device_code: string;
  user_code: string;
  verification_uri: string;
  verification_uri_complete: string;
  /** Seconds. */
  expires_in: number;
  /** Seconds between polls. */
  interval: number;
}

/**
 * RFC 8628 §3.1–3.2 device authorization request (spec 004 §2).
 * @param input.clientId an active client of the `oauth_clients` table.
 * @param input.scope optional, space-separated; kept and narrowed to the user's scopes on approval.
 * @returns the device_code (256 random bits, base64url; only its hash is stored), the user_code
 *   shown as `XXXX-XXXX`, the verification URIs under PUBLIC_BASE_URL, expires_in 600, interval 5.
 * @throws AppError OAUTH_INVALID_REQUEST (no client_id), OAUTH_INVALID_CLIENT (unknown or disabled client, 401).
 */
export async function startDeviceAuthorization(
  deps: OAuthDeps,
  input: { clientId?: string | undefined; scope?: string | undefined },
  now = Date.now(),
): Promise<DeviceAuthorization> {
  const clientId = await checkClient(deps.db, input.clientId);
  const deviceCode = randomBytes(32).toString('base64url');
  // A user_code collision with a live one is retried; expired ones are cleared first.
  await deps.db
    .deleteFrom('oauth_device_codes')
    .where('expires_at', '<', now - 86_400_000)
    .execute();
  for (let attempt = 0; ; attempt++) {
    const userCode = newUserCode();
    try {
      await deps.db
        .insertInto('oauth_device_codes')
        .values({
          device_code_hash: sha256(deviceCode),
          user_code: userCode,
          client_id: clientId,
          scope: input.scope?.trim() || null,
          status: 'pending',
          user_id: null,
          interval_s: POLL_INTERVAL_S,
          last_polled_at: null,
          expires_at: now + DEVICE_CODE_TTL_S * 1000,
          created_at: now,
          decided_at: null,
        })
        .execute();
      const base = deps.config.PUBLIC_BASE_URL.replace(/\/$/, '');
      const shown = formatUserCode(userCode);
      return {
        device_code: deviceCode,
        user_code: shown,
        verification_uri: `${base}/device`,
        verification_uri_complete: `${base}/device?user_code=${shown}`,
        expires_in: DEVICE_CODE_TTL_S,
        interval: POLL_INTERVAL_S,
      };
    } catch (err) {
      if (attempt >= 4) throw err;
    }
  }
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
  const clientId = await checkClient(deps.db, input.clientId);
  if (!input.deviceCode) throw fail('invalid_request', 'device_code is required');
  const hash = sha256(input.deviceCode);
  const row = await deps.db.selectFrom('oauth_device_codes').selectAll().where('device_code_hash', '=', hash).executeTakeFirst();
  if (!row || row.client_id !== clientId) throw fail('invalid_grant', 'Unknown device_code');
  if (row.status === 'consumed') throw fail('invalid_grant', 'device_code already used');
  if (row.status === 'denied') throw fail('access_denied', 'The user denied the authorization request');
  if (Number(row.expires_at) <= now) throw fail('expired_token', 'The device_code has expired');
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
      ? fail('slow_down', `Polling too fast: wait ${interval} s between requests`)
      : fail('authorization_pending', 'User has not yet authorized');
  }
  const spent = await deps.db
    .updateTable('oauth_device_codes')
    .set({ status: 'consumed' satisfies DeviceCodeStatus, last_polled_at: now })
    .where('device_code_hash', '=', hash)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  if (Number(spent.numUpdatedRows) !== 1) throw fail('invalid_grant', 'device_code already used');
  const user = row.user_id === null ? undefined : await loadActiveUser(deps.db, Number(row.user_id));
  if (!user) throw fail('invalid_grant', 'The approving account is no longer active');
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
  const clientId = await checkClient(deps.db, input.clientId);
  if (!input.refreshToken) throw fail('invalid_request', 'refresh_token is required');
  let rotated: Awaited<ReturnType<typeof rotateRefreshToken>>;
  try {
    rotated = await rotateRefreshToken(deps.db, input.refreshToken, { client: `oauth:${clientId}`, ttlSeconds: REFRESH_TOKEN_TTL_S });
  } catch (err) {
    if (err instanceof AppError && err.code === 'UNAUTHENTICATED') throw fail('invalid_grant', err.message);
    throw err;
  }
  const user = await loadActiveUser(deps.db, rotated.userId);
  if (!user) throw fail('invalid_grant', 'The account is no longer active');
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
  if (!form.grant_type) throw fail('invalid_request', 'grant_type is required');
  if (form.grant_type === DEVICE_GRANT_TYPE) return pollDeviceToken(deps, { clientId: form.client_id, deviceCode: form.device_code }, now);
  if (form.grant_type === 'refresh_token') return refreshDeviceToken(deps, { clientId: form.client_id, refreshToken: form.refresh_token });
  throw fail('unsupported_grant_type', `grant_type ${form.grant_type} is not supported`);
}

export interface PendingAuthorization {
  userCode: string;
  clientId: string;
  scope: string | null;
  /** Epoch ms. */
  expiresAt: number;
}

/**
 * Finds the pending, unexpired authorization a user code names (dashes, spaces and case forgiven).
 * @returns undefined when there is none (wrong, expired or already decided code).
 */
export async function findPendingAuthorization(db: Db, userCodeInput: string, now = Date.now()): Promise<PendingAuthorization | undefined> {
  const code = normalizeUserCode(userCodeInput);
  if (code.length !== 8) return undefined;
  const row = await db
    .selectFrom('oauth_device_codes')
    .select(['user_code', 'client_id', 'scope', 'expires_at'])
    .where('user_code', '=', code)
    .where('status', '=', 'pending')
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row && { userCode: row.user_code, clientId: row.client_id, scope: row.scope, expiresAt: Number(row.expires_at) };
}

/**
 * Records the signed-in user's decision on a pending authorization (RFC 8628 §3.3).
 * @returns false when the code is no longer pending (expired, decided meanwhile).
 */
export async function decideAuthorization(
  db: Db,
  input: { userCode: string; userId: number; approve: boolean },
  now = Date.now(),
): Promise<boolean> {
  const r = await db
    .updateTable('oauth_device_codes')
    .set({ status: input.approve ? 'approved' : 'denied', user_id: input.userId, decided_at: now })
    .where('user_code', '=', normalizeUserCode(input.userCode))
    .where('status', '=', 'pending')
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Limits on wrong user-code entries on the /device page: per session and per client IP. */
export const USER_CODE_LIMITS = { perSession: 5, perIp: 20, windowMs: 15 * 60_000 } as const;

/**
 * Whether a session or client IP has used up its wrong user-code entries (RFC 8628 §5.1
 * brute-force protection), counted over the last 15 minutes.
 */
export async function userCodeEntryLocked(db: Db, keys: { sessionId: string; ip: string }, now = Date.now()): Promise<boolean> {
  const since = now - USER_CODE_LIMITS.windowMs;
  const rows = await db
    .selectFrom('oauth_user_code_failures')
    .select(['key', (eb) => eb.fn.countAll<number>().as('n')])
    .where('key', 'in', [`s:${keys.sessionId}`, `ip:${keys.ip}`])
    .where('at', '>', since)
    .groupBy('key')
    .execute();
  const count = (k: string) => Number(rows.find((r) => r.key === k)?.n ?? 0);
  return count(`s:${keys.sessionId}`) >= USER_CODE_LIMITS.perSession || count(`ip:${keys.ip}`) >= USER_CODE_LIMITS.perIp;
}

/** Records one wrong user-code entry for a session and its client IP. */
export async function recordUserCodeFailure(db: Db, keys: { sessionId: string; ip: string }, now = Date.now()): Promise<void> {
  await db
    .deleteFrom('oauth_user_code_failures')
    .where('at', '<', now - USER_CODE_LIMITS.windowMs)
    .execute();
  await db
    .insertInto('oauth_user_code_failures')
    .values([
      { key: `s:${keys.sessionId}`, at: now },
      { key: `ip:${keys.ip}`, at: now },
    ])
    .execute();
}
