import { expect } from 'vitest';
import type { UserKind } from '../../src/edge/meta.ts';
import { FACTORY_ROLES, type Permission, PLATFORM_ROLES, ROLE_PERMISSIONS, type Role } from '../../src/services/identity/permissions.ts';
import { NEXT_TOKEN_EPOCH, revokeToken } from '../../src/services/identity/principal.ts';
import { TOKEN_FAMILIES, type TokenFamily } from '../../src/services/identity/tokens.ts';
import { badTokens } from '../helpers/security.ts';
import type { Fixture } from './fixtures.ts';
import { RECORDS, type TenantRecord } from './records.ts';
import {
  CHALLENGE,
  changedRows,
  expectChallenge,
  expectNotRun,
  expectRefusal,
  INVALID_TOKEN,
  procedureQueries,
  type Refusal,
} from './refusals.ts';
import { type Access, type Env, type Protected, send } from './requests.ts';

/**
 * The checks of the security matrix (tests/security/matrix.test.ts): what each protected operation
 * of the routers (their meta, through `accessOf`) must refuse, derived from its access alone.
 */

const SCOPES = ['read', 'write', 'admin'] as const;
const KINDS: UserKind[] = ['wechat', 'factory', 'platform'];
const TOP_ROLE: Record<UserKind, Role> = { wechat: 'wechat_customer', factory: 'factory_super_admin', platform: 'platform_admin' };
const ROLES_OF: Record<UserKind, readonly Role[]> = { wechat: ['wechat_customer'], factory: FACTORY_ROLES, platform: PLATFORM_ROLES };
const BAD_TOKENS = ['garbage', 'algNone', 'wrongSecret', 'foreignEs256', 'expired', 'wrongIssuer'];

/** The kind of user the operation serves: its declared kind, else a customer for mini tokens and a factory user otherwise. */
const kindOf = (a: Access): UserKind => a.userKind ?? (a.tokens.includes('mini') ? 'wechat' : 'factory');
/** The token family the fully privileged caller presents: the operation's own family's when accepted. */
const familyOf = (p: Protected): TokenFamily =>
  p.access.tokens.includes(p.op.family as TokenFamily) ? (p.op.family as TokenFamily) : p.access.tokens[0]!;
/** The highest role of a kind that lacks a permission (the strictest "without it" case), if any. */
const roleLacking = (kind: UserKind, permission: Permission) => ROLES_OF[kind].find((r) => !ROLE_PERMISSIONS[r].has(permission));

export interface Check {
  name: string;
  run(env: Env, own: TenantRecord | undefined): Promise<void>;
}

/** A request the pipeline refuses: what it presents (and what undoes it), the refusal and the WWW-Authenticate header expected. */
interface Refused {
  name: string;
  refusal: Refusal;
  challenge: string | RegExp | null;
  present(env: Env): Promise<{ token?: string; headers?: Record<string, string>; restore?: () => Promise<unknown> }>;
}

/** The requests an operation must refuse before its procedure runs, from its resolved access alone. */
function refusedRequests(p: Protected): Refused[] {
  const { access } = p;
  const kind = kindOf(access);
  const tokenFamily = familyOf(p);
  const privileged = (env: Env) => env.w.user(kind, TOP_ROLE[kind]);
  const tokenOf = async (env: Env, kindOfUser: UserKind, role: Role, family: TokenFamily, scope?: string) => ({
    token: await env.w.token(await env.w.user(kindOfUser, role), family, scope),
  });
  /** A token the pipeline must reject: 401 with the invalid_token challenge. */
  const invalid = (name: string, present: Refused['present']): Refused => ({
    name: `${name} → 401 invalid_token`,
    refusal: 'invalidToken',
    challenge: INVALID_TOKEN,
    present,
  });
  /** No bearer credentials: 401 with a challenge without error. */
  const unauthenticated = (name: string, headers?: Record<string, string>): Refused => ({
    name: `${name} → 401, challenge without error`,
    refusal: 'unauthenticated',
    challenge: CHALLENGE,
    present: async () => ({ headers }),
  });
  const refused: Refused[] = [
    unauthenticated('no token'),
    // RFC 6750 §3.1: credentials of another scheme are no bearer credentials at all
    unauthenticated('Basic credentials', { authorization: 'Basic dXNlcjpwYXNzd29yZA==' }),
    invalid('revoked token', async (env) => {
      const user = await privileged(env);
      const token = await env.w.token(user, tokenFamily);
      const claims = await env.t.deps.tokens.verify(token);
      await revokeToken(env.t.deps.db, { id: user.id, jti: claims.jti, tokenExpiresAt: claims.exp });
      return { token };
    }),
    invalid('token older than a password change (token epoch)', async (env) => {
      const user = await privileged(env);
      const token = await env.w.token(user, tokenFamily);
      const users = env.t.deps.db.updateTable('users').where('id', '=', user.id);
      await users.set({ token_epoch: NEXT_TOKEN_EPOCH }).execute();
      return { token, restore: () => users.set({ token_epoch: 0 }).execute() }; // the shared world's tokens are of epoch 0
    }),
    ...BAD_TOKENS.map((bad) =>
      invalid(`${bad} token`, async (env) => {
        const user = await privileged(env);
        return { token: (await badTokens(env.t, String(user.id), { family: tokenFamily, role: user.role }))[bad] };
      }),
    ),
    ...TOKEN_FAMILIES.filter((f) => !access.tokens.includes(f)).map((foreign) =>
      invalid(`${foreign} token of the same user`, (env) => tokenOf(env, kind, TOP_ROLE[kind], foreign)),
    ),
  ];

  if (access.scope) {
    const required = access.scope;
    const granted = SCOPES.filter((s) => s !== required && s !== 'admin').join(' ');
    const delegated: TokenFamily = access.tokens.includes('bi') ? 'bi' : tokenFamily;
    refused.push({
      name: `${delegated} token with scope "${granted}" on a ${required}-scope operation → 403 insufficient_scope`,
      refusal: 'insufficientScope',
      challenge: new RegExp(`^Bearer realm="tracehub", error="insufficient_scope".*, scope="${required}"$`),
      present: (env) => tokenOf(env, kind, TOP_ROLE[kind], delegated, granted),
    });
  }

  const lacking = access.permission && roleLacking(kind, access.permission);
  if (access.permission && lacking) {
    refused.push({
      name: `${kind} ${lacking} without ${access.permission} → 403 PERMISSION_DENIED`,
      refusal: 'permissionDenied',
      challenge: null,
      present: (env) => tokenOf(env, kind, lacking, tokenFamily),
    });
  }

  for (const other of access.userKind ? KINDS.filter((k) => k !== access.userKind) : []) {
    refused.push({
      name: `${other} user (${TOP_ROLE[other]}) with a ${tokenFamily} token → 403 PERMISSION_DENIED`,
      refusal: 'permissionDenied',
      challenge: null,
      present: (env) => tokenOf(env, other, TOP_ROLE[other], tokenFamily),
    });
  }
  return refused;
}

/** The checks an operation gets: every refused request, then tenant B's record refused beside tenant A's own (the control). */
export function checksOf(p: Protected, fixture: Fixture): Check[] {
  const { op } = p;
  const family = op.family;
  const kind = kindOf(p.access);
  const tokenFamily = familyOf(p);
  const privilegedToken = async (env: Env) => env.w.token(await env.w.user(kind, TOP_ROLE[kind]), tokenFamily);

  const checks: Check[] = refusedRequests(p).map((r) => ({
    name: r.name,
    async run(env, own) {
      const { token, headers, restore } = await r.present(env);
      try {
        const { res, queries } = await send(env, p, fixture, own, token, headers);
        expectRefusal(family, res, r.refusal);
        expectNotRun(queries);
        expectChallenge(res, r.challenge);
      } finally {
        await restore?.();
      }
    },
  }));

  if (fixture.record && !fixture.noTenantCheck) {
    const kindOfRecord = fixture.record;
    const refusal: Refusal = fixture.tenantAnswer === 'VALIDATION_FAILED' ? 'validation' : 'notFound';
    checks.push({
      name: `tenant B's ${kindOfRecord} → ${refusal === 'notFound' ? 'not found' : 'invalid reference'}, nothing changed`,
      async run(env) {
        const theirs = await RECORDS[kindOfRecord](env.w, 'B');
        const before = await theirs.snapshot();
        const { res, queries } = await send(env, p, fixture, theirs, await privilegedToken(env));
        expectRefusal(family, res, refusal);
        expect(changedRows(queries), 'rows changed').toEqual([]);
        expect(await theirs.snapshot()).toEqual(before);
      },
    });
    // the control: the same request on the caller's own record succeeds and is visible in the query log
    checks.push({
      name: `tenant A's own ${kindOfRecord} → success (control)`,
      async run(env, own) {
        const { res, queries } = await send(env, p, fixture, own, await privilegedToken(env));
        expect(res.status, res.text).toBeLessThan(300);
        if (family === 'mini') expect(res.body.success, res.text).toBe(true);
        expect(procedureQueries(queries)).not.toEqual([]);
        if (op.type === 'mutation') expect(changedRows(queries)).not.toEqual([]);
      },
    });
  }
  return checks;
}
