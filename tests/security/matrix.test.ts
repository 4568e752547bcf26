import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessOf, type Family, type UserKind } from '../../src/edge/meta.ts';
import { collectOperations, type Operation } from '../../src/edge/routes.ts';
import { appRouter } from '../../src/routers/app-router.ts';
import { FACTORY_ROLES, type Permission, PLATFORM_ROLES, ROLE_PERMISSIONS, type Role } from '../../src/services/identity/permissions.ts';
import { NEXT_TOKEN_EPOCH, revokeToken } from '../../src/services/identity/principal.ts';
import { TOKEN_FAMILIES, type TokenFamily } from '../../src/services/identity/tokens.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { type LoggedQuery, QueryLog } from '../helpers/query-log.ts';
import { badTokens, expectErrorEnvelope } from '../helpers/security.ts';
import { FIXTURES, type Fixture } from './fixtures.ts';
import { RECORDS, type TenantRecord } from './records.ts';
import { World, type WorldUser } from './world.ts';

/**
 * THE security matrix: every protected operation of the routers (their meta, through `accessOf`)
 * against no token, bad tokens, other families' tokens, a missing scope, a missing permission or
 * the wrong kind of user, and another tenant's record. Every refusal must come in the family's
 * envelope, before the procedure ran. Fixtures: tests/security/fixtures.ts.
 */

type Access = ReturnType<typeof accessOf> & { tokens: readonly TokenFamily[] };
interface Protected {
  op: Operation;
  access: Access;
}

const PROTECTED: Protected[] = collectOperations(appRouter)
  .map((op) => ({ op, access: accessOf(op.meta) }))
  .filter((p): p is Protected => p.access.tokens !== null);

type Refusal = 'unauthenticated' | 'invalidToken' | 'insufficientScope' | 'permissionDenied' | 'notFound' | 'validation';

/** Each family's answer to each refusal: HTTP status and the codes its body may carry (the specs' spellings). */
const ANSWERS: Partial<Record<Family, Record<Refusal, [status: number, ...codes: string[]]>>> = {
  mini: {
    unauthenticated: [401, 'UNAUTHENTICATED'],
    invalidToken: [401, 'UNAUTHENTICATED'],
    insufficientScope: [403, 'INSUFFICIENT_SCOPE'],
    permissionDenied: [403, 'PERMISSION_DENIED'],
    notFound: [200, 'NOT_FOUND'], // spec 000: a business failure, HTTP 200 with success:false
    validation: [400, 'VALIDATION_FAILED'],
  },
  admin: {
    unauthenticated: [401, 'UNAUTHORIZED'],
    invalidToken: [401, 'UNAUTHORIZED'],
    insufficientScope: [403, 'PERMISSION_DENIED'],
    permissionDenied: [403, 'PERMISSION_DENIED'],
    notFound: [404, 'RESOURCE_NOT_FOUND', 'USER_NOT_FOUND'],
    validation: [400, 'VALIDATION_ERROR'],
  },
  mobile: {
    unauthenticated: [401, 'AUTHENTICATION_ERROR'],
    invalidToken: [401, 'AUTHENTICATION_ERROR'],
    insufficientScope: [403, 'AUTHORIZATION_ERROR'],
    permissionDenied: [403, 'AUTHORIZATION_ERROR'],
    notFound: [404, 'NOT_FOUND_ERROR'],
    validation: [400, 'VALIDATION_ERROR'],
  },
  v1: {
    unauthenticated: [401, 'UNAUTHORIZED'],
    invalidToken: [401, 'UNAUTHORIZED'],
    insufficientScope: [403, 'FORBIDDEN'],
    permissionDenied: [403, 'FORBIDDEN'],
    notFound: [404, 'RESOURCE_NOT_FOUND'],
    validation: [422, 'VALIDATION_FAILED'],
  },
  bi: {
    unauthenticated: [401, 'Unauthorized'],
    invalidToken: [401, 'Unauthorized'],
    insufficientScope: [403, 'Forbidden'],
    permissionDenied: [403, 'Forbidden'],
    notFound: [404, 'Not Found'],
    validation: [400, 'Bad Request'],
  },
  // the HTML /device page (transport: 'hono'): no code in the body
  page: {
    unauthenticated: [401],
    invalidToken: [401],
    insufficientScope: [403],
    permissionDenied: [403],
    notFound: [404],
    validation: [400],
  },
};
const CODE_FIELD: Partial<Record<Family, string>> = { mini: 'code', admin: 'error_code', mobile: 'code', v1: 'code', bi: 'error' };

/**
 * The pipeline's only query: the caller with its token's revocation (src/services/identity/principal.ts
 * loadPrincipal). Any other query of a refused request means the procedure ran.
 */
const isPrincipalLookup = (q: LoggedQuery) =>
  q.kind === 'SelectQueryNode' && q.tables.includes('revoked_tokens') && q.tables.every((t) => t === 'users' || t === 'revoked_tokens');
/** Written off the request path by the metrics recorder. */
const BACKGROUND_TABLES = new Set(['api_call_buckets', 'erp_call_buckets', 'api_call_hours']);
const isBackground = (q: LoggedQuery) => q.tables.length > 0 && q.tables.every((t) => BACKGROUND_TABLES.has(t));

const SCOPES = ['read', 'write', 'admin'] as const;
const KINDS: UserKind[] = ['wechat', 'factory', 'platform'];
const TOP_ROLE: Record<UserKind, Role> = { wechat: 'wechat_customer', factory: 'factory_super_admin', platform: 'platform_admin' };
const ROLES_OF: Record<UserKind, readonly Role[]> = { wechat: ['wechat_customer'], factory: FACTORY_ROLES, platform: PLATFORM_ROLES };

/** The kind of user the operation serves: its declared kind, else a customer for mini tokens and a factory user otherwise. */
const kindOf = (a: Access): UserKind => a.userKind ?? (a.tokens.includes('mini') ? 'wechat' : 'factory');
/** The token family the fully privileged caller presents: the operation's own family's when accepted. */
const familyOf = (p: Protected): TokenFamily =>
  p.access.tokens.includes(p.op.family as TokenFamily) ? (p.op.family as TokenFamily) : p.access.tokens[0]!;
/** The highest role of a kind that lacks a permission (the strictest "without it" case), if any. */
const roleLacking = (kind: UserKind, permission: Permission) => ROLES_OF[kind].find((r) => !ROLE_PERMISSIONS[r].has(permission));

interface Env {
  t: TestApp;
  w: World;
  log: QueryLog;
}

/** The queries of a request beyond the pipeline's and the background writers'. */
const procedureQueries = (queries: LoggedQuery[]) => queries.filter((q) => !isPrincipalLookup(q) && !isBackground(q));
const changedRows = (queries: LoggedQuery[]) => queries.filter((q) => q.write && q.rowsChanged > 0 && !isBackground(q));

function expectRefusal(family: Family, res: Awaited<ReturnType<TestApp['call']>>, refusal: Refusal): void {
  const answer = ANSWERS[family];
  if (!answer) throw new Error(`The matrix has no expected answers for the ${family} family: add them to ANSWERS`);
  const [status, ...codes] = answer[refusal];
  expect(res.status, res.text).toBe(status);
  if (family === 'page') {
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    return;
  }
  expectErrorEnvelope(family, res.body);
  expect(codes).toContain(res.body[CODE_FIELD[family]!]);
}

/** The request never reached the procedure: no query beyond the pipeline's, so no row changed either. */
function expectNotRun(queries: LoggedQuery[]): void {
  expect(procedureQueries(queries), 'queries past the pipeline').toEqual([]);
}

const resolve = <T>(v: T | ((id: string) => T) | undefined, id: string | undefined): T | undefined =>
  typeof v === 'function' ? (v as (id: string | undefined) => T)(id) : v;

/** One call of the fixture's request, addressing `record`, with the rate limits reset; returns the answer and the queries it ran. */
async function send(
  env: Env,
  p: Protected,
  fixture: Fixture,
  record: TenantRecord | undefined,
  token: string | undefined,
  headers?: Record<string, string>,
) {
  const params = resolve(fixture.params, record?.id) ?? {};
  const segments = p.op.segments.map((s) => {
    if ('literal' in s) return s.literal;
    const value = params[s.param] ?? (p.op.segments.filter((x) => 'param' in x).length === 1 ? record?.id : undefined);
    if (value === undefined) throw new Error(`Fixture of ${p.op.procedurePath} gives no value for {${s.param}}`);
    return encodeURIComponent(value);
  });
  const query = resolve(fixture.query, record?.id);
  const path = `/${segments.join('/')}${query ? `?${new URLSearchParams(query)}` : ''}`;
  await env.t.deps.rateLimiter.resetAll();
  const mark = env.log.queries.length;
  const res = await env.t.call(p.op.method, path, { token, headers, body: resolve(fixture.body, record?.id) });
  return { res, queries: env.log.since(mark) };
}

interface Check {
  name: string;
  run(env: Env, own: TenantRecord | undefined): Promise<void>;
}

/** The checks an operation gets, from its resolved access alone. */
function checksOf(p: Protected, fixture: Fixture): Check[] {
  const { op, access } = p;
  const family = op.family;
  const kind = kindOf(access);
  const tokenFamily = familyOf(p);
  const privileged = (env: Env) => env.w.user(kind, TOP_ROLE[kind]);
  const refused = async (
    env: Env,
    own: TenantRecord | undefined,
    token: string | undefined,
    refusal: Refusal,
    headers?: Record<string, string>,
  ) => {
    const { res, queries } = await send(env, p, fixture, own, token, headers);
    expectRefusal(family, res, refusal);
    expectNotRun(queries);
    return res;
  };
  const checks: Check[] = [];

  checks.push({
    name: 'no token → 401, challenge without error',
    async run(env, own) {
      const res = await refused(env, own, undefined, 'unauthenticated');
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="tracehub"');
    },
  });

  // RFC 6750 §3.1: credentials of another scheme are no bearer credentials at all
  checks.push({
    name: 'Basic credentials → 401, challenge without error',
    async run(env, own) {
      const res = await refused(env, own, undefined, 'unauthenticated', { authorization: 'Basic dXNlcjpwYXNzd29yZA==' });
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="tracehub"');
    },
  });

  checks.push({
    name: 'revoked token → 401 invalid_token',
    async run(env, own) {
      const user = await privileged(env);
      const token = await env.w.token(user, tokenFamily);
      const claims = await env.t.deps.tokens.verify(token);
      await revokeToken(env.t.deps.db, { id: user.id, jti: claims.jti, tokenExpiresAt: claims.exp });
      const res = await refused(env, own, token, 'invalidToken');
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="tracehub", error="invalid_token"/);
    },
  });

  checks.push({
    name: 'token older than a password change (token epoch) → 401 invalid_token',
    async run(env, own) {
      const user = await privileged(env);
      const token = await env.w.token(user, tokenFamily);
      const users = env.t.deps.db.updateTable('users').where('id', '=', user.id);
      await users.set({ token_epoch: NEXT_TOKEN_EPOCH }).execute();
      try {
        const res = await refused(env, own, token, 'invalidToken');
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="tracehub", error="invalid_token"/);
      } finally {
        await users.set({ token_epoch: 0 }).execute(); // the shared world's tokens are of epoch 0
      }
    },
  });

  for (const bad of ['garbage', 'algNone', 'wrongSecret', 'foreignEs256', 'expired', 'wrongIssuer']) {
    checks.push({
      name: `${bad} token → 401 invalid_token`,
      async run(env, own) {
        const user = await privileged(env);
        const token = (await badTokens(env.t, String(user.id), { family: tokenFamily, role: user.role }))[bad];
        const res = await refused(env, own, token, 'invalidToken');
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="tracehub", error="invalid_token"/);
      },
    });
  }

  for (const foreign of TOKEN_FAMILIES.filter((f) => !access.tokens.includes(f))) {
    checks.push({
      name: `${foreign} token of the same user → 401 invalid_token`,
      async run(env, own) {
        const user = await privileged(env);
        const res = await refused(env, own, await env.w.token(user, foreign), 'invalidToken');
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="tracehub", error="invalid_token"/);
      },
    });
  }

  if (access.scope) {
    const required = access.scope;
    const granted = SCOPES.filter((s) => s !== required && s !== 'admin').join(' ');
    const delegated: TokenFamily = access.tokens.includes('bi') ? 'bi' : tokenFamily;
    checks.push({
      name: `${delegated} token with scope "${granted}" on a ${required}-scope operation → 403 insufficient_scope`,
      async run(env, own) {
        const res = await refused(env, own, await env.w.token(await privileged(env), delegated, granted), 'insufficientScope');
        expect(res.headers.get('www-authenticate')).toMatch(
          new RegExp(`^Bearer realm="tracehub", error="insufficient_scope".*, scope="${required}"$`),
        );
      },
    });
  }

  const lacking = access.permission && roleLacking(kind, access.permission);
  if (access.permission && lacking) {
    checks.push({
      name: `${kind} ${lacking} without ${access.permission} → 403 PERMISSION_DENIED`,
      async run(env, own) {
        const res = await refused(env, own, await env.w.token(await env.w.user(kind, lacking), tokenFamily), 'permissionDenied');
        expect(res.headers.get('www-authenticate')).toBeNull();
      },
    });
  }

  if (access.userKind) {
    for (const other of KINDS.filter((k) => k !== access.userKind)) {
      checks.push({
        name: `${other} user (${TOP_ROLE[other]}) with a ${tokenFamily} token → 403 PERMISSION_DENIED`,
        async run(env, own) {
          const user: WorldUser = await env.w.user(other, TOP_ROLE[other]);
          const res = await refused(env, own, await env.w.token(user, tokenFamily), 'permissionDenied');
          expect(res.headers.get('www-authenticate')).toBeNull();
        },
      });
    }
  }

  if (fixture.record && !fixture.noTenantCheck) {
    const kindOfRecord = fixture.record;
    const refusal: Refusal = fixture.tenantAnswer === 'VALIDATION_FAILED' ? 'validation' : 'notFound';
    checks.push({
      name: `tenant B's ${kindOfRecord} → ${refusal === 'notFound' ? 'not found' : 'invalid reference'}, nothing changed`,
      async run(env) {
        const theirs = await RECORDS[kindOfRecord](env.w, 'B');
        const before = await theirs.snapshot();
        const { res, queries } = await send(env, p, fixture, theirs, await env.w.token(await privileged(env), tokenFamily));
        expectRefusal(family, res, refusal);
        expect(changedRows(queries), 'rows changed').toEqual([]);
        expect(await theirs.snapshot()).toEqual(before);
      },
    });
    // the control: the same request on the caller's own record succeeds and is visible in the query log
    checks.push({
      name: `tenant A's own ${kindOfRecord} → success (control)`,
      async run(env, own) {
        const { res, queries } = await send(env, p, fixture, own, await env.w.token(await privileged(env), tokenFamily));
        expect(res.status, res.text).toBeLessThan(300);
        if (family === 'mini') expect(res.body.success, res.text).toBe(true);
        expect(procedureQueries(queries)).not.toEqual([]);
        if (op.type === 'mutation') expect(changedRows(queries)).not.toEqual([]);
      },
    });
  }
  return checks;
}

describe('security matrix fixtures', () => {
  it('cover every protected operation', () => {
    const missing = PROTECTED.filter((p) => !Object.hasOwn(FIXTURES, p.op.procedurePath)).map((p) => p.op.procedurePath);
    expect(missing, 'protected operations without a fixture in tests/security/fixtures.ts').toEqual([]);
  });

  it('name only protected operations that exist', () => {
    const known = new Set(PROTECTED.map((p) => p.op.procedurePath));
    expect(Object.keys(FIXTURES).filter((path) => !known.has(path))).toEqual([]);
  });

  it('give every operation with path parameters a tenant record or the reason it has none', () => {
    const unexplained = PROTECTED.filter((p) => p.op.segments.some((s) => 'param' in s))
      .filter((p) => FIXTURES[p.op.procedurePath] && !FIXTURES[p.op.procedurePath]!.record && !FIXTURES[p.op.procedurePath]!.noTenantCheck)
      .map((p) => p.op.procedurePath);
    expect(unexplained).toEqual([]);
  });
});

const GROUPS = new Map<Family, Protected[]>();
for (const p of PROTECTED) GROUPS.set(p.op.family, [...(GROUPS.get(p.op.family) ?? []), p]);

describe.each(DIALECTS)('security matrix on %s', (dialect) => {
  for (const [family, group] of GROUPS) {
    describe(`${family} operations`, () => {
      const env = {} as Env;
      let dir: string;
      beforeAll(async () => {
        dir = await mkdtemp(join(tmpdir(), 'tracehub-matrix-'));
        env.log = new QueryLog();
        env.t = await createTestApp(dialect, { env: { ATTACHMENTS_DIR: dir, UPLOAD_DIR: dir }, plugins: [env.log] });
        env.w = await World.create(env.t);
      });
      afterAll(async () => {
        await env.t?.close();
        await rm(dir, { recursive: true, force: true });
      });

      for (const p of group) {
        const fixture = FIXTURES[p.op.procedurePath];
        if (!fixture) continue; // reported by 'cover every protected operation'
        describe(`${p.op.method} ${p.op.template} (${p.op.procedurePath})`, () => {
          let own: TenantRecord | undefined;
          beforeAll(async () => {
            if (fixture.record) own = await RECORDS[fixture.record](env.w, 'A');
          });
          for (const check of checksOf(p, fixture)) it(check.name, () => check.run(env, own));
        });
      }
    });
  }
});
