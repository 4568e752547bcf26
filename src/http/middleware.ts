import { getConnInfo } from '@hono/node-server/conninfo';
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import type { AppDeps } from '../deps.ts';
import type { HttpVariables } from './variables.ts';

type Mw = MiddlewareHandler<{ Variables: HttpVariables }>;

/** The client address: the socket's, or X-Forwarded-For's first hop when TRUST_PROXY is set. */
export function clientIp(trustProxy: boolean): Mw {
  return async (c, next) => {
    let ip: string | undefined;
    if (trustProxy) ip = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (!ip) {
      try {
        ip = getConnInfo(c).remote.address;
      } catch {
        ip = undefined; // app.request() in tests has no socket
      }
    }
    c.set('clientIp', ip ?? '127.0.0.1');
    await next();
  };
}

const RECORDED = /^\/(api|v1|trpc|oauth)\//;

/**
 * One structured access-log line per request (request id, method, route pattern, status,
 * duration in ms) and one API-call record for the metrics endpoints, written in batches.
 * The line's fields are fixed and hold no secret, so it skips the logger's redaction, which walks
 * its paths on every line (half of the line's cost); every other log line keeps it.
 */
export function accessLog(deps: Pick<AppDeps, 'logger' | 'metrics'>): Mw {
  const log = deps.logger.child({}, { redact: [] });
  return async (c, next) => {
    const start = performance.now();
    await next();
    const durationMs = Math.round((performance.now() - start) * 100) / 100;
    const path = c.req.path;
    const route = c.get('routePattern') ?? (path.startsWith('/trpc/') ? path : c.req.routePath);
    const status = c.res.status;
    log.info({ reqId: c.get('requestId'), method: c.req.method, route, path, status, durationMs, ip: c.get('clientIp') }, 'request');
    if (RECORDED.test(path)) deps.metrics.recordApiCall({ method: c.req.method, route, status, durationMs, ts: Date.now() });
  };
}

/**
 * spec 003 §7 CORS: hono/cors for preflights and for requests carrying an `Origin`, the only ones
 * CORS governs. Any other request gets the headers hono/cors would add for it (credentials, exposed
 * headers, `Vary: Origin`), written without touching the answer before the handler: hono/cors reads
 * `c.res` before and calls `c.header` after, and either makes Hono copy the answer into a streamed
 * Response, node-server's slow path (≈8% of a mini search; upstream honojs/node-server#399).
 */
export function corsPolicy(origins: readonly string[]): Mw {
  const exposeHeaders = [
    'X-RateLimit-Limit',
    'X-RateLimit-Remaining',
    'X-RateLimit-Reset',
    'Retry-After',
    'X-Request-Id',
    'WWW-Authenticate',
  ];
  const library = cors({
    origin: [...origins],
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization', 'X-Requested-With'],
    exposeHeaders,
    credentials: true,
    maxAge: 86400,
  });
  const exposed = exposeHeaders.join(',');
  return async (c, next) => {
    if (c.req.method === 'OPTIONS' || c.req.header('origin')) return library(c, next);
    c.header('Access-Control-Allow-Credentials', 'true');
    c.header('Access-Control-Expose-Headers', exposed);
    await next();
    // the answer's own headers, edited in place: no copy
    c.res.headers.append('Vary', 'Origin');
  };
}
