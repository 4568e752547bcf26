import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AppDeps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { type OAuthFailure, startDeviceAuthorization, tokenRequest } from '../../services/oauth/device-flow.ts';
import type { HttpVariables } from '../variables.ts';
import { devicePageRoutes } from './device-page.ts';

type C = Context<{ Variables: HttpVariables }>;

/** RFC 6749 §5.1: token answers must not be cached. */
const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' } as const;

function oauthJson(c: C, body: Record<string, unknown>, status: 200 | 400 | 401 | 429 = 200): Response {
  return c.json(body, status, NO_STORE);
}

function failure(c: C, f: OAuthFailure): Response {
  const headers: Record<string, string> = { ...NO_STORE };
  // RFC 6749 §5.2: invalid_client answers 401 with a challenge when the client authenticated by header.
  if (f.status === 401) headers['WWW-Authenticate'] = 'Basic realm="oauth"';
  return c.json({ error: f.error, error_description: f.error_description }, f.status, headers);
}

/** Reads an `application/x-www-form-urlencoded` body (RFC 6749 §4.1.3); anything else is invalid_request. */
async function readForm(c: C): Promise<{ form: Record<string, string> } | { failure: OAuthFailure }> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\b/i.test(type)) {
    return {
      failure: {
        ok: false,
        status: 400,
        error: 'invalid_request',
        error_description: 'Content-Type must be application/x-www-form-urlencoded',
      },
    };
  }
  const params = new URLSearchParams(await c.req.text());
  const out: Record<string, string> = {};
  for (const [k, v] of params) {
    // RFC 6749 §3.2: parameters must not be repeated.
    if (Object.hasOwn(out, k))
      return { failure: { ok: false, status: 400, error: 'invalid_request', error_description: `${k} is repeated` } };
    out[k] = v;
  }
  return { form: out };
}

/** Per-IP limit on the OAuth endpoints; answers 429 with Retry-After when exceeded. */
async function limited(deps: AppDeps, c: C, bucket: string, limit: number): Promise<Response | null> {
  const r = await deps.rateLimiter.hit(bucket, `ip:${c.get('clientIp')}`, { limit });
  if (r.retryAfterSeconds === undefined) return null;
  return c.json({ error: 'too_many_requests', error_description: `Too many requests, retry in ${r.retryAfterSeconds} s` }, 429, {
    ...NO_STORE,
    'Retry-After': String(r.retryAfterSeconds),
  });
}

/**
 * The OAuth endpoints of spec 004 (RFC 8628 device flow, RFC 6749 token endpoint) and the
 * /device verification page. Bodies are form-encoded, answers RFC 6749 JSON; the logic lives in
 * src/services/oauth/device-flow.ts.
 */
export function oauthRoutes(deps: AppDeps): Hono<{ Variables: HttpVariables }> {
  const app = new Hono<{ Variables: HttpVariables }>();

  app.post('/oauth/device', async (c) => {
    c.set('routePattern', '/oauth/device');
    const tooMany = await limited(deps, c, 'oauth.device', 20);
    if (tooMany) return tooMany;
    const read = await readForm(c);
    if ('failure' in read) return failure(c, read.failure);
    const result = await startDeviceAuthorization(deps, { clientId: read.form.client_id, scope: read.form.scope });
    if (!result.ok) return failure(c, result);
    const { ok: _ok, ...body } = result;
    return oauthJson(c, body);
  });

  app.post('/oauth/token', async (c) => {
    c.set('routePattern', '/oauth/token');
    const tooMany = await limited(deps, c, 'oauth.token', 120);
    if (tooMany) return tooMany;
    const read = await readForm(c);
    if ('failure' in read) return failure(c, read.failure);
    const result = await tokenRequest(deps, read.form);
    if (!result.ok) return failure(c, result);
    const { ok: _ok, ...body } = result;
    return oauthJson(c, body);
  });

  app.route('/', devicePageRoutes(deps));

  app.onError((err, c) => {
    deps.logger.error({ reqId: c.get('requestId'), err }, 'unhandled error');
    const e = err instanceof AppError && err.code !== 'INTERNAL' ? err.message : 'Internal server error';
    return c.json({ error: 'server_error', error_description: e }, 500, NO_STORE);
  });
  return app;
}
