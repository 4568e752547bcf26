import { trpcServer } from '@hono/trpc-server';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps } from '../deps.ts';
import { createContext } from '../edge/context.ts';
import { createRestHandler } from '../edge/rest.ts';
import { toWireError } from '../edge/wire-error.ts';
import { appRouter } from '../routers/app-router.ts';
import { docsRoutes } from './docs.ts';
import { metricsRoutes } from './metrics.ts';
import { accessLog, clientIp, corsPolicy } from './middleware.ts';
import { devicePageRoutes } from './routes/device-page.ts';
import { resolverRoutes } from './routes/resolver.ts';
import type { HttpVariables } from './variables.ts';

/**
 * The Hono app: request id, client IP, access log, secure headers, CORS; then `/trpc`, the REST
 * edge for every documented operation (`/api`, `/v1`, `/oauth`; src/edge/rest.ts), the /device
 * page, the GS1 Digital Link resolver (`/01/{gtin}/10/{lot}`), and `/docs`. Every answer outside `/trpc` is rendered by src/edge/render.ts.
 */
export function createApp(deps: AppDeps, opts: { openapiJson: string }): Hono<{ Variables: HttpVariables }> {
  const app = new Hono<{ Variables: HttpVariables }>();
  const edge = createRestHandler(deps, appRouter);

  app.use(requestId());
  app.use(clientIp(deps.config.TRUST_PROXY));
  app.use(accessLog(deps));
  app.use(secureHeaders());
  app.use(corsPolicy(deps.config.CORS_ORIGINS));

  const trpcBodyLimit = bodyLimit({
    maxSize: deps.config.BODY_LIMIT_BYTES,
    onError: (c) => c.json({ error: { message: 'Request body too large', code: -32600, data: { code: 'PAYLOAD_TOO_LARGE' } } }, 413),
  });
  app.use(
    '/trpc/*',
    // tRPC reads no body on queries; looking for one makes node-server build a full Request
    (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : trpcBodyLimit(c, next)),
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
  app.route('/', metricsRoutes(deps));
  app.route('/', devicePageRoutes(deps, edge));
  app.route('/', resolverRoutes(edge));
  app.all('/api/*', edge.handle);
  app.all('/v1/*', edge.handle);
  app.all('/oauth/*', edge.handle);

  app.notFound(edge.handle);
  // HTTPExceptions come from Hono's own middlewares (the /metrics bearer check) and carry their answer
  app.onError((err, c) => (err instanceof HTTPException ? err.getResponse() : edge.failForPath(c, err)));
  return app;
}
