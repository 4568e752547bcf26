/** What the device flow's parts share: RFC 8628 parameters, the OAuth error codes, user codes, the client check. */
import { createHash, randomInt } from 'node:crypto';
import type { Db } from '../../../db/connect.ts';
import { AppError, type ErrorCode } from '../../../errors.ts';
import { isActiveClient } from './clients.ts';

/** RFC 8628 parameters fixed by ROUTES.md "bi". */
export const DEVICE_CODE_TTL_S = 600;
export const POLL_INTERVAL_S = 5;
export const SLOW_DOWN_STEP_S = 5;
export const ACCESS_TOKEN_TTL_S = 3600;
export const REFRESH_TOKEN_TTL_S = 30 * 86_400;
/** RFC 8628 §6.1: no vowels (no words), no lookalikes; 20^8 ≈ 2^34.6 codes. */
export const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
export const DEVICE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:device_code';

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

/** An RFC 6749 §5.2 failure (400, or 401 for invalid_client), as the AppError to throw. */
export const oauthError = (error: OAuthErrorCode, description: string): AppError => new AppError(OAUTH_CODES[error], description);

/** SHA-256 hex of a device_code: only the hash is stored. */
export const hashDeviceCode = (deviceCode: string): string => createHash('sha256').update(deviceCode).digest('hex');

/** Upper-cases and drops everything but letters: `wdjb-mjht` and `WDJB MJHT` are `WDJBMJHT`. */
export function normalizeUserCode(input: string): string {
  return input.toUpperCase().replace(/[^A-Z]/g, '');
}

/** `WDJBMJHT` → `WDJB-MJHT`. */
export function formatUserCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Eight random letters of USER_CODE_ALPHABET, stored without the dash. */
export function newUserCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  return code;
}

/**
 * The `client_id` of a device-flow request: it must be registered and active (clients.ts).
 * @throws AppError OAUTH_INVALID_REQUEST when missing, OAUTH_INVALID_CLIENT (401) when unknown or disabled.
 */
export async function requireActiveClient(db: Db, clientId: string | undefined): Promise<string> {
  if (!clientId) throw oauthError('invalid_request', 'client_id is required');
  if (!(await isActiveClient(db, clientId))) throw oauthError('invalid_client', 'Unknown client');
  return clientId;
}
