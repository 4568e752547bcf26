import { trpcServer } from '@hono/trpc-server';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../errors.ts';
import { appRouter } from '../routers/app-router.ts';
import { createContext } from '../trpc/context.ts';
import { renderError, toWireError } from '../trpc/envelopes.ts';
import { docsRoutes } from './docs.ts';
import { accessLog, clientIp } from './middleware.ts';
import { createRestHandler, styleForPath } from './rest.ts';
import { adminRoutes } from './routes/admin.ts';
import { mobileRoutes } from './routes/mobile.ts';
import { oauthRoutes } from './routes/oauth.ts';
import { v1Routes } from './routes/v1.ts';
import type { HttpVariables } from './variables.ts';

/**
 * The Hono app: request id, client IP, access log, secure headers, CORS, body limit; then
 * `/trpc`, the REST surface (`/api`, `/v1`) through trpc-to-openapi, and `/docs`.
 */
export function createApp(deps: AppDeps, opts: { openapiJson: string }): Hono<{ Variables: HttpVariables }> {
  const app = new Hono<{ Variables: HttpVariables }>();
  const envelopeError = (path: string, err: AppError) => {
    const r = renderError(styleForPath(path), toWireError(err));
    return new Response(r.body, { status: r.status, headers: { 'content-type': 'application/json; charset=utf-8' } });
  };

  app.use(requestId());
  app.use(clientIp(deps.config.TRUST_PROXY));
  app.use(accessLog(deps));
  app.use(secureHeaders());
  app.use(
    // spec 003 §7
    cors({
      origin: [...deps.config.CORS_ORIGINS],
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Content-Type', 'Authorization', 'X-Requested-With'],
      exposeHeaders: ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After', 'X-Request-Id'],
      credentials: true,
      maxAge: 86400,
    }),
  );
  app.route('/', mobileRoutes(deps)); // multipart uploads: before the app-wide body limit, with their own
  app.route('/', adminRoutes(deps)); // before the global body limit: uploads carry their own
  app.use(
    bodyLimit({
      maxSize: deps.config.BODY_LIMIT_BYTES,
      onError: (c) =>
        envelopeError(c.req.path, new AppError('PAYLOAD_TOO_LARGE', `Request body larger than ${deps.config.BODY_LIMIT_BYTES} bytes`)),
    }),
  );

  app.use(
    '/trpc/*',
    trpcServer({
      router: appRouter,
      endpoint: '/trpc',
      createContext: (o, c) =>
        createContext(deps, {
          requestId: c.get('requestId'),
          ip: c.get('clientIp'),
          authorization: c.req.header('authorization'),
          resHeaders: o.resHeaders,
        }) as unknown as Record<string, unknown>,
      onError: ({ error, path, ctx }) => {
        if (toWireError(error).code === 'INTERNAL') {
          deps.logger.error(
            { reqId: (ctx as { requestId?: string } | undefined)?.requestId, err: error.cause ?? error, procedure: path },
            'unhandled error',
          );
        }
      },
    }),
  );

  app.route('/', docsRoutes(opts.openapiJson));

  app.route('/', v1Routes(deps));
  app.route('/', oauthRoutes(deps));

  const rest = createRestHandler(deps, appRouter);
  app.all('/api/*', rest);
  app.all('/v1/*', rest);

  app.notFound((c) => envelopeError(c.req.path, new AppError('ROUTE_NOT_FOUND', `No route for ${c.req.method} ${c.req.path}`)));
  app.onError((err, c) => {
    deps.logger.error({ reqId: c.get('requestId'), err }, 'unhandled error');
    return envelopeError(c.req.path, new AppError('INTERNAL', 'Internal server error'));
  });
  return app;
}
