import { Hono } from 'hono';
import type { createRestHandler } from '../../edge/rest.ts';
import type { ScanResult } from '../../services/traces/gs1/resolver.ts';
import { renderLotPage, renderNotFoundPage } from '../../services/traces/gs1/resolver-page.ts';
import type { HttpVariables } from '../variables.ts';

const LINKSET = 'application/linkset+json';

/**
 * GET /01/{gtin}/10/{lot}: the GS1 Digital Link resolver (GS1-Conformant Resolver 1.1). The route
 * moves the transport only: the `orders.traces.resolveLot` operation resolves the scan through the
 * edge's pipeline; the answer is the lot's HTML page, or its link set when the client asks for
 * `application/linkset+json` (RFC 9264 §6), or a 404 page.
 */
export function resolverRoutes(edge: ReturnType<typeof createRestHandler>): Hono<{ Variables: HttpVariables }> {
  const app = new Hono<{ Variables: HttpVariables }>();
  app.get('/01/:gtin/10/:lot', async (c) => {
    // the segments as sent: the edge decodes path parameters once
    const [, , gtin = '', , lot = ''] = c.req.path.split('/');
    const r = await edge.invoke(c, 'orders.traces.resolveLot', { gtin, lot });
    if (!r.ok) return r.response;
    const scan = r.output as ScanResult;
    c.header('Vary', 'Accept');
    c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    if (scan.kind !== 'lot') return c.html(renderNotFoundPage(scan.kind), 404);
    c.header('Link', `<${scan.lot.digitalLink}>; rel="linkset"; type="${LINKSET}"`);
    if (c.req.header('accept')?.toLowerCase().includes(LINKSET)) {
      return c.body(JSON.stringify(scan.linkset), 200, { 'content-type': LINKSET });
    }
    return c.html(renderLotPage(scan.lot));
  });
  return app;
}
