import { accessOf } from '../../src/edge/meta.ts';
import { collectOperations, type Operation } from '../../src/edge/routes.ts';
import { appRouter } from '../../src/routers/app-router.ts';
import type { TokenFamily } from '../../src/services/identity/tokens.ts';
import type { TestApp } from '../helpers/app.ts';
import type { QueryLog } from '../helpers/query-log.ts';
import type { Fixture } from './fixtures.ts';
import type { TenantRecord } from './records.ts';
import type { World } from './world.ts';

/**
 * The operations the security matrix (tests/security/matrix.test.ts) enumerates, from the routers
 * themselves, and how one fixture's request is sent to one of them.
 */

export type Access = ReturnType<typeof accessOf> & { tokens: readonly TokenFamily[] };
export interface Protected {
  op: Operation;
  access: Access;
}

export const PROTECTED: Protected[] = collectOperations(appRouter)
  .map((op) => ({ op, access: accessOf(op.meta) }))
  .filter((p): p is Protected => p.access.tokens !== null);

/** One family's test app, its query log and its world, shared by the family's checks. */
export interface Env {
  t: TestApp;
  w: World;
  log: QueryLog;
}

const resolve = <T>(v: T | ((id: string) => T) | undefined, id: string | undefined): T | undefined =>
  typeof v === 'function' ? (v as (id: string | undefined) => T)(id) : v;

/** One call of the fixture's request, addressing `record`, with the rate limits reset; returns the answer and the queries it ran. */
export async function send(
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
