import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { LATENCY_BOUNDS_MS } from './buckets.ts';

const BUCKETS_S = LATENCY_BOUNDS_MS.map((ms) => ms / 1000);

/**
 * The Prometheus view of tracehub (prom-client): request, ERP and WeChat call histograms,
 * rate-limit rejections, database pool and event-loop gauges, and prom-client's default process
 * metrics. Served as text exposition format 0.0.4 at `GET /metrics` (src/http/metrics.ts).
 * Labels are route patterns and endpoint names, never raw URLs, so cardinality stays bounded.
 */
export class PrometheusMetrics {
  readonly registry = new Registry();
  readonly httpDuration = this.#histogram('http_request_duration_seconds', 'HTTP requests by route pattern, method and status', [
    'route',
    'method',
    'status',
  ]);
  readonly erpDuration = this.#histogram('erp_call_duration_seconds', 'ERP calls by endpoint and outcome', ['endpoint', 'outcome']);
  readonly wechatDuration = this.#histogram('wechat_call_duration_seconds', 'WeChat API calls by API and outcome', ['api', 'outcome']);
  readonly rateLimited = new Counter({
    name: 'rate_limit_rejections_total',
    help: 'Calls refused by a rate limit, by limit bucket',
    labelNames: ['bucket'] as const,
    registers: [this.registry],
  });
  readonly biReportCache = new Counter({
    name: 'bi_report_cache_total',
    help: 'BI report reads by cache outcome: hit, miss (computed), uncached (not cacheable or cache off)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  constructor(opts: { defaultMetrics?: boolean; pool?: () => { total: number; idle: number; waiting: number } | undefined } = {}) {
    // event-loop lag (nodejs_eventloop_lag_*), heap, GC, handles, CPU and RSS
    if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
    const pool = opts.pool;
    if (pool) {
      for (const [name, key] of [
        ['db_pool_connections_total', 'total'],
        ['db_pool_connections_idle', 'idle'],
        ['db_pool_requests_waiting', 'waiting'],
      ] as const) {
        new Gauge({
          name,
          help: `Database pool: ${key}`,
          registers: [this.registry],
          collect() {
            const p = pool();
            if (p) this.set(p[key]);
          },
        });
      }
    }
  }

  /** A latency histogram (seconds, LATENCY_BOUNDS_MS) in this registry. */
  #histogram<L extends string>(name: string, help: string, labelNames: readonly L[]): Histogram<L> {
    return new Histogram({ name, help, labelNames, buckets: BUCKETS_S, registers: [this.registry] });
  }

  /** The exposition text and its content type. */
  async render(): Promise<{ body: string; contentType: string }> {
    return { body: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}
