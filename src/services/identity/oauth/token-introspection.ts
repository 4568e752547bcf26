import type { UserType } from '../../../../db/database.ts';
import type { Db } from '../../../db/connect.ts';
import { AppError } from '../../../errors.ts';
import { loadPrincipal } from '../principal.ts';
import type { TokenService } from '../tokens.ts';

/** Roles on spec 004's wire: platform users are `admin`, factory users `merchant`, WeChat users `customer`. */
export type WireRole = 'admin' | 'merchant' | 'customer';

/** A user's spec 004 role from its `users.user_type`. */
export function wireRole(userType: UserType): WireRole {
  return userType === 'platform' ? 'admin' : userType === 'factory' ? 'merchant' : 'customer';
}

/** Scopes a token carries when it names none: what its holder's wire role may do. */
const DEFAULT_SCOPES: Record<WireRole, string[]> = {
  customer: ['read'],
  merchant: ['read', 'write'],
  admin: ['read', 'write', 'admin'],
};

/** The scopes a role holds (a fresh array), e.g. `['read', 'write']` for a merchant. */
export function defaultScopes(role: WireRole): string[] {
  return [...DEFAULT_SCOPES[role]];
}

/** The answer of `POST /api/v1/auth/verify` (spec 004 §1). */
export type VerifyResult =
  | { valid: true; user_id: string; role: WireRole; scopes: string[]; delegated: boolean; error: null }
  | { valid: false; error: string };

/** The three error strings of spec 004 §1, plus the failed `required_scope` check. */
const KNOWN_ERRORS = new Set(['Token expired', 'Invalid token', 'Token blacklisted']);

/**
 * Spec 004 §1 `POST /api/v1/auth/verify`: checks an access token for another service.
 * A bad token is an answer, not an error: `{valid:false, error}` with `Token expired`,
 * `Invalid token` (malformed, bad signature, unknown or deactivated user) or `Token blacklisted`
 * (revoked by logout), and `Insufficient scope` when `requiredScope` is not among its scopes.
 * `delegated` is true for tokens a user granted to an OAuth client (device flow).
 * @throws only unexpected faults (database down).
 */
export async function verifyAccessToken(
  deps: { db: Db; tokens: TokenService },
  token: string,
  requiredScope?: string | null,
): Promise<VerifyResult> {
  try {
    const claims = await deps.tokens.verify(token);
    const principal = await loadPrincipal(deps.db, claims);
    const role = wireRole(principal.userType);
    const scopes = claims.scope ? claims.scope.split(' ').filter(Boolean) : defaultScopes(role);
    if (requiredScope && !scopes.includes(requiredScope)) return { valid: false, error: 'Insufficient scope' };
    return { valid: true, user_id: String(principal.id), role, scopes, delegated: claims.client_id !== undefined, error: null };
  } catch (err) {
    if (err instanceof AppError && err.code === 'INVALID_TOKEN') {
      return { valid: false, error: KNOWN_ERRORS.has(err.message) ? err.message : 'Invalid token' };
    }
    throw err;
  }
}

/** The `GET /api/v1/users/me` answer (spec 004 §5). */
export interface UserInfo {
  id: string;
  email: string | null;
  name: string | null;
  role: WireRole;
  is_active: boolean;
  /** ISO 8601 UTC. */
  created_at: string;
  /** The merchant (factory) of a merchant; absent for admins and customers (the BI CLI's whoami). */
  merchant_id?: string;
}

/**
 * Spec 004 §5 `GET /api/v1/users/me`: the caller's account in the BI wire shape, with the
 * `merchant_id` (factory id) of a merchant, which the BI CLI's `auth whoami` prints.
 * @throws AppError USER_NOT_FOUND when the account vanished after authentication.
 */
export async function userInfo(db: Db, userId: number): Promise<UserInfo> {
  const u = await db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'nickname', 'username', 'user_type', 'factory_id', 'is_active', 'created_at'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!u) throw new AppError('USER_NOT_FOUND', 'User not found');
  return {
    id: String(u.id),
    email: u.email,
    name: u.name ?? u.nickname ?? u.username,
    role: wireRole(u.user_type),
    is_active: u.is_active === 1,
    created_at: new Date(Number(u.created_at)).toISOString(),
    ...(u.user_type === 'factory' && u.factory_id ? { merchant_id: u.factory_id } : {}),
  };
}
