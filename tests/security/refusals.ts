import { expect } from 'vitest';
import type { Family } from '../../src/edge/meta.ts';
import type { TestApp } from '../helpers/app.ts';
import type { LoggedQuery } from '../helpers/query-log.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

/**
 * What the security matrix (tests/security/matrix.test.ts) expects of a refused request: the
 * family's status and code, the bearer challenge, and no query past the pipeline.
 */

export type Refusal = 'unauthenticated' | 'invalidToken' | 'insufficientScope' | 'permissionDenied' | 'notFound' | 'validation';
type Answer = [status: number, ...codes: string[]];
type Response = Awaited<ReturnType<TestApp['call']>>;

/**
 * A family's answers: `unauthorized` for no or a bad token (401), `forbidden` for a missing scope
 * and a missing permission (403; `[scope, permission]` where they differ); no code for the HTML page.
 */
function answers(
  unauthorized: string | undefined,
  forbidden: string | [scope: string, permission: string] | undefined,
  notFound: Answer,
  validation: Answer,
): Record<Refusal, Answer> {
  const codes = (c: string | undefined) => (c === undefined ? [] : [c]);
  const [scope, permission] = Array.isArray(forbidden) ? forbidden : [forbidden, forbidden];
  return {
    unauthenticated: [401, ...codes(unauthorized)],
    invalidToken: [401, ...codes(unauthorized)],
    insufficientScope: [403, ...codes(scope)],
    permissionDenied: [403, ...codes(permission)],
    notFound,
    validation,
  };
}

/** Each family's answer to each refusal: HTTP status and the codes its body may carry (the specs' spellings). */
const ANSWERS: Partial<Record<Family, Record<Refusal, Answer>>> = {
  // spec 000: not found is a business failure, HTTP 200 with success:false
  mini: answers('UNAUTHENTICATED', ['INSUFFICIENT_SCOPE', 'PERMISSION_DENIED'], [200, 'NOT_FOUND'], [400, 'VALIDATION_FAILED']),
  admin: answers('UNAUTHORIZED', 'PERMISSION_DENIED', [404, 'RESOURCE_NOT_FOUND', 'USER_NOT_FOUND'], [400, 'VALIDATION_ERROR']),
  mobile: answers('AUTHENTICATION_ERROR', 'AUTHORIZATION_ERROR', [404, 'NOT_FOUND_ERROR'], [400, 'VALIDATION_ERROR']),
  v1: answers('UNAUTHORIZED', 'FORBIDDEN', [404, 'RESOURCE_NOT_FOUND'], [422, 'VALIDATION_FAILED']),
  bi: answers('Unauthorized', 'Forbidden', [404, 'Not Found'], [400, 'Bad Request']),
  // the HTML /device page (transport: 'hono'): no code in the body
  page: answers(undefined, undefined, [404], [400]),
};
const CODE_FIELD: Partial<Record<Family, string>> = { mini: 'code', admin: 'error_code', mobile: 'code', v1: 'code', bi: 'error' };

export function expectRefusal(family: Family, res: Response, refusal: Refusal): void {
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

/** RFC 6750 §3: the bearer challenge of a request without bearer credentials. */
export const CHALLENGE = 'Bearer realm="tracehub"';
/** RFC 6750 §3.1: the challenge of a refused token. */
export const INVALID_TOKEN = /^Bearer realm="tracehub", error="invalid_token"/;

/** The WWW-Authenticate header: exactly `challenge`, matching it, or absent (`null`). */
export function expectChallenge(res: Response, challenge: string | RegExp | null): void {
  const header = res.headers.get('www-authenticate');
  if (challenge === null) expect(header).toBeNull();
  else if (typeof challenge === 'string') expect(header).toBe(challenge);
  else expect(header).toMatch(challenge);
}

/**
 * The pipeline's only query: the caller with its token's revocation and company binding
 * (src/services/identity/principal.ts loadPrincipal). Any other query of a refused request means
 * the procedure ran.
 */
const PRINCIPAL_TABLES = new Set(['users', 'revoked_tokens', 'company_bindings']);
const isPrincipalLookup = (q: LoggedQuery) =>
  q.kind === 'SelectQueryNode' && q.tables.includes('revoked_tokens') && q.tables.every((t) => PRINCIPAL_TABLES.has(t));
/** Written off the request path by the metrics recorder. */
const BACKGROUND_TABLES = new Set(['api_call_buckets', 'erp_call_buckets', 'api_call_hours']);
const isBackground = (q: LoggedQuery) => q.tables.length > 0 && q.tables.every((t) => BACKGROUND_TABLES.has(t));

/** The queries of a request beyond the pipeline's and the background writers'. */
export const procedureQueries = (queries: LoggedQuery[]) => queries.filter((q) => !isPrincipalLookup(q) && !isBackground(q));
export const changedRows = (queries: LoggedQuery[]) => queries.filter((q) => q.write && q.rowsChanged > 0 && !isBackground(q));

/** The request never reached the procedure: no query beyond the pipeline's, so no row changed either. */
export function expectNotRun(queries: LoggedQuery[]): void {
  expect(procedureQueries(queries), 'queries past the pipeline').toEqual([]);
}
