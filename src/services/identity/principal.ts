import { sql } from 'kysely';
import type { UserType } from '../../../db/database.ts';
import type { Db } from '../../db/connect.ts';
import { prepared } from '../../db/prepared.ts';
import { AppError } from '../../errors.ts';
import { type Permission, userPermissions } from './permissions.ts';
import type { TokenFamily, TokenService, VerifiedToken } from './tokens.ts';

/** The authenticated caller, as procedures and services see it. */
export interface Principal {
  id: number;
  userType: UserType;
  role: string;
  /** The tenant; null for platform and WeChat users. */
  factoryId: string | null;
  openid: string | null;
  permissions: ReadonlySet<Permission>;
  /** Who the token was issued to (src/services/identity/tokens.ts). */
  tokenFamily: TokenFamily;
  /** The token's OAuth scopes; null on first-party tokens, which hold every scope of their role. */
  scopes: ReadonlySet<string> | null;
  /** The access token's id and expiry (epoch ms), for logout and session display. */
  jti: string;
  tokenExpiresAt: number;
  /** The user's current token epoch (users.token_epoch), which the token carried. */
  tokenEpoch: number;
  /**
   * A WeChat user's bound ERP company (company_bindings.company_id), read in the same statement
   * as the user so that order requests need no statement of their own for it; null when unbound
   * and for every other user.
   */
  companyId: string | null;
}

/**
 * Turns a bearer token into a Principal: verifies the JWT, then in one query loads the user, its
 * token epoch and whether the token's jti was revoked. Role and permissions come from the
 * database, not the token, so a demotion or deactivation takes effect on the next request, and a
 * password change or reset (which increments `users.token_epoch`) revokes every older token. No
 * in-process cache: every instance sharing the database sees a revocation on its next request.
 * @throws AppError INVALID_TOKEN (`Invalid token`, `Token expired`, `Token blacklisted` for a
 *   revoked jti or an older token epoch, `User inactive`).
 */
export async function authenticate(db: Db, tokens: TokenService, bearer: string): Promise<Principal> {
  const claims = await tokens.verify(bearer);
  return loadPrincipal(db, claims);
}

/**
 * The user, its token epoch, whether `jti` was revoked and its bound company: one statement,
 * compiled once (every request runs it).
 */
const principalRow = prepared(2, (db: Db, userId: number, jti: string) =>
  db
    .selectFrom('users')
    .select(['id', 'user_type', 'role', 'factory_id', 'openid', 'permissions', 'is_active', 'token_epoch'])
    .select((eb) => eb.exists(eb.selectFrom('revoked_tokens').select('jti').where('jti', '=', jti)).as('revoked'))
    .select((eb) =>
      eb
        .selectFrom('company_bindings')
        .select('company_bindings.company_id')
        .whereRef('company_bindings.user_id', '=', 'users.id')
        .as('company_id'),
    )
    .where('id', '=', userId),
);

/**
 * The Principal of verified claims (see authenticate): one query for the user, its token epoch,
 * the jti's revocation and its company binding.
 * @throws AppError INVALID_TOKEN (`Invalid token`, `Token blacklisted`, `User inactive`).
 */
export async function loadPrincipal(db: Db, claims: VerifiedToken): Promise<Principal> {
  const userId = Number(claims.sub);
  if (!Number.isSafeInteger(userId)) throw new AppError('INVALID_TOKEN', 'Invalid token');
  const [row] = await principalRow(db, userId, claims.jti);
  if (!row) throw new AppError('INVALID_TOKEN', 'Invalid token');
  if (row.revoked || claims.tep !== Number(row.token_epoch)) throw new AppError('INVALID_TOKEN', 'Token blacklisted');
  if (!row.is_active) throw new AppError('INVALID_TOKEN', 'User inactive');
  return {
    id: row.id,
    userType: row.user_type,
    role: row.role,
    factoryId: row.factory_id,
    openid: row.openid,
    permissions: userPermissions(row),
    tokenFamily: claims.family,
    scopes: claims.scope === undefined ? null : new Set(claims.scope.split(' ').filter(Boolean)),
    jti: claims.jti,
    tokenExpiresAt: claims.exp,
    tokenEpoch: Number(row.token_epoch),
    companyId: row.company_id ?? null,
  };
}

/**
 * The `users.token_epoch` value of an UPDATE that changes or resets a password: set in the same
 * statement as the new hash, it revokes every access token issued before (checked in
 * `loadPrincipal`), atomically and for every instance sharing the database.
 */
export const NEXT_TOKEN_EPOCH = sql<number>`token_epoch + 1`;

/**
 * Revokes one access token by its jti until it would have expired anyway.
 * Idempotent: revoking twice is not an error.
 */
export async function revokeToken(db: Db, principal: Pick<Principal, 'id' | 'jti' | 'tokenExpiresAt'>): Promise<void> {
  await db
    .insertInto('revoked_tokens')
    .values({ jti: principal.jti, user_id: principal.id, expires_at: principal.tokenExpiresAt })
    .onConflict((oc) => oc.column('jti').doNothing())
    .execute();
}
