import { Hono } from 'hono';
import type { AppDeps } from '../../deps.ts';
import { appRouter } from '../../routers/app-router.ts';
import { renderQrCode } from '../../services/traces/qrcode.ts';
import { createContext } from '../../trpc/context.ts';
import { renderError, toWireError } from '../../trpc/envelopes.ts';
import type { HttpVariables } from '../variables.ts';

/**
 * v1 operations answering with something other than JSON: GET /v1/traces/{id}/qrcode, a PNG
 * (or SVG with `?format=svg`) QR code of the batch's public URL. Auth, permission, rate limit
 * and input checks are those of the `orders.traces.qrCodeTarget` procedure it calls.
 */
export function v1Routes(deps: AppDeps): Hono<{ Variables: HttpVariables }> {
  const app = new Hono<{ Variables: HttpVariables }>();
  app.get('/v1/traces/:id/qrcode', async (c) => {
    c.set('routePattern', '/v1/traces/{id}/qrcode');
    const ctx = createContext(deps, {
      requestId: c.get('requestId'),
      ip: c.get('clientIp'),
      authorization: c.req.header('authorization'),
    });
    const headers = ctx.resHeaders;
    try {
      const target = await appRouter
        .createCaller(ctx)
        .orders.traces.qrCodeTarget({ id: c.req.param('id'), format: c.req.query('format') as 'png' });
      const image = await renderQrCode(target.url, target.format);
      headers.set('content-type', image.contentType);
      headers.set('cache-control', 'private, max-age=3600');
      return new Response(image.body, { status: 200, headers });
    } catch (err) {
      const wire = toWireError(err);
      if (wire.code === 'INTERNAL') deps.logger.error({ reqId: ctx.requestId, err }, 'unhandled error');
      const r = renderError('v1', wire);
      headers.set('content-type', 'application/json; charset=utf-8');
      return new Response(r.body, { status: r.status, headers });
    }
  });
  return app;
}
