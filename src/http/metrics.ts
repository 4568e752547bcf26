import { Hono } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import type { AppDeps } from '../deps.ts';

/**
 * `GET /metrics`: Prometheus text exposition (src/services/monitoring/metrics/prometheus.ts) for a scraper
 * holding METRICS_TOKEN (hono's bearer-auth compares in constant time). Not served at all when
 * METRICS_TOKEN is unset: operational data is never public.
 */
export function metricsRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const token = deps.config.METRICS_TOKEN;
  if (!token) return app;
  app.get('/metrics', bearerAuth({ token }), async (c) => {
    const { body, contentType } = await deps.metrics.prometheus.render();
    return c.body(body, 200, { 'content-type': contentType, 'cache-control': 'no-store' });
  });
  return app;
}
