import type { AppDeps } from '../../../deps.ts';
import { verifyCredentials } from '../credentials.ts';
import { type Principal, revokeToken } from '../principal.ts';
import { issueUserToken, type TokenSubject } from '../tokens.ts';

/** Access-token lifetime of the v1 API: 24 h (spec 003 §2.5). */
export const V1_TOKEN_TTL_SECONDS = 86_400;

/** spec 003 §2.3's login answer, sent without envelope. */
export interface V1TokenAnswer {
  token: string;
  /** Seconds. */
  expiresIn: number;
  tokenType: 'Bearer';
}

/**
 * Password login of the v1 API (spec 003 §2.3): factory users only, through the shared
 * credential check and its failed-login lockout.
 * @param input.username username, email or phone; `ip` the client address.
 * @returns a 24 h bearer JWT whose tenant claim is the user's factory.
 * @throws AppError RATE_LIMITED (locked), INVALID_CREDENTIALS, PERMISSION_DENIED (deactivated account).
 */
export async function v1Login(
  deps: Pick<AppDeps, 'db' | 'tokens'>,
  input: { username: string; password: string; ip: string },
): Promise<V1TokenAnswer> {
  const user = await verifyCredentials(deps.db, { login: input.username, password: input.password, ip: input.ip, userType: 'factory' });
  return issueV1Token(deps, user);
}

/**
 * Token refresh of the v1 API (spec 003 §2.5): issues a new 24 h token for the caller and
 * revokes the presented one, so each token refreshes at most once.
 */
export async function v1Refresh(deps: Pick<AppDeps, 'db' | 'tokens'>, principal: Principal): Promise<V1TokenAnswer> {
  await revokeToken(deps.db, principal);
  return issueV1Token(deps, { id: principal.id, role: principal.role, factory_id: principal.factoryId, token_epoch: principal.tokenEpoch });
}

async function issueV1Token(deps: Pick<AppDeps, 'tokens'>, user: TokenSubject): Promise<V1TokenAnswer> {
  const { token } = await issueUserToken(deps.tokens, user, 'v1', V1_TOKEN_TTL_SECONDS);
  return { token, expiresIn: V1_TOKEN_TTL_SECONDS, tokenType: 'Bearer' };
}
