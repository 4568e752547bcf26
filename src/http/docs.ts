import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';

const require = createRequire(import.meta.url);

/**
 * `/docs`: Swagger UI from the swagger-ui-dist package, served from memory (no CDN), reading
 * `/openapi.json`. The page loads no inline script, so a strict CSP holds.
 */
export function docsRoutes(openapiJson: string): Hono {
  const dist = dirname(require.resolve('swagger-ui-dist/package.json'));
  const asset = (name: string) => readFileSync(join(dist, name));
  const assets: Record<string, { body: Buffer | string; type: string }> = {
    'swagger-ui.css': { body: asset('swagger-ui.css'), type: 'text/css; charset=utf-8' },
    'swagger-ui-bundle.js': { body: asset('swagger-ui-bundle.js'), type: 'text/javascript; charset=utf-8' },
    'init.js': {
      body: "window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });\n",
      type: 'text/javascript; charset=utf-8',
    },
  };
  const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>tracehub API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/init.js"></script></body></html>`;

  const app = new Hono();
  app.get('/openapi.json', (c) => c.body(openapiJson, 200, { 'content-type': 'application/json; charset=utf-8' }));
  app.get('/docs', (c) => c.html(page));
  app.get('/docs/assets/:name', (c) => {
    const a = assets[c.req.param('name')];
    if (!a) return c.notFound();
    return c.body(typeof a.body === 'string' ? a.body : new Uint8Array(a.body), 200, {
      'content-type': a.type,
      'cache-control': 'public, max-age=86400',
    });
  });
  return app;
}
