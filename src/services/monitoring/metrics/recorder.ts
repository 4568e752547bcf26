import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Db } from '../../../db/connect.ts';
import type { ErpCallSink } from '../../../integrations/erp/recorded.ts';
import { type Aggregate, addCall, emptyAggregate, HISTOGRAM_KEYS, type HistogramKey, minuteOf } from './buckets.ts';
import { PrometheusMetrics } from './prometheus.ts';

export interface ApiCall {
  method: string;
  /** The route pattern (`/api/orders/{order_id}/status`), never the raw URL. */
  route: string;
  status: number;
  durationMs: number;
  /** Epoch ms. */
  ts: number;
}

interface ApiKey {
  minute: number;
  method: string;
  route: string;
  statusClass: number;
}
interface ErpKey {
  minute: number;
  endpoint: string;
  ok: number;
}

const HOUR_MS = 3_600_000;

/** The minute buckets folded per hour (count, sum, max): the rows of `api_call_hours`. */
function hourRows(api: (ApiKey & { agg: Aggregate })[]) {
  const hours = new Map<
    string,
    { hour: number; method: string; route: string; status_class: number; calls: number; sum_ms: number; max_ms: number }
  >();
  for (const b of api) {
    const hour = b.minute - (b.minute % HOUR_MS);
    const key = `${hour}|${b.method}|${b.statusClass}|${b.route}`;
    const h = hours.get(key);
    if (h) {
      h.calls += b.agg.calls;
      h.sum_ms += b.agg.sumMs;
      h.max_ms = Math.max(h.max_ms, b.agg.maxMs);
    } else {
      hours.set(key, {
        hour,
        method: b.method,
        route: b.route,
        status_class: b.statusClass,
        calls: b.agg.calls,
        sum_ms: b.agg.sumMs,
        max_ms: b.agg.maxMs,
      });
    }
  }
  return [...hours.values()];
}

/** 500 rows × 19 columns stays under SQLite's 32766 bound-parameter limit. */
const CHUNK = 500;

const histogramRow = (a: Aggregate) =>
  Object.fromEntries(HISTOGRAM_KEYS.map((k, i) => [k, a.histogram[i]!])) as Record<HistogramKey, number>;

/** `table.col + excluded.col` for every additive column, and the larger max. */
function additive(table: 'api_call_buckets' | 'erp_call_buckets' | 'api_call_hours') {
  const cols = table === 'api_call_hours' ? (['calls', 'sum_ms'] as const) : (['calls', 'sum_ms', ...HISTOGRAM_KEYS] as const);
  return {
    ...Object.fromEntries(cols.map((c) => [c, sql`${sql.ref(`${table}.${c}`)} + excluded.${sql.raw(c)}`])),
    max_ms: sql`case when excluded.max_ms > ${sql.ref(`${table}.max_ms`)} then excluded.max_ms else ${sql.ref(`${table}.max_ms`)} end`,
  };
}

/**
 * Aggregates API and ERP calls in memory per minute — route pattern × method × status class
 * (API) and endpoint × outcome (ERP): count, sum, max and a fixed latency histogram — and
 * writes the buckets, not the calls, every `flushMs` ms as additive upserts (several instances
 * add to the same rows). Cost: O(buckets), whatever the traffic. Each call is also observed by
 * the Prometheus histograms. `close()` writes what is left; a `kill -9` loses at most the last
 * `flushMs` of counts (README "Monitoring").
 */
export class MetricsRecorder implements ErpCallSink {
  #api = new Map<string, ApiKey & { agg: Aggregate }>();
  #erp = new Map<string, ErpKey & { agg: Aggregate }>();
  #timer: NodeJS.Timeout;
  #flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    flushMs = 1000,
    readonly prometheus: PrometheusMetrics = new PrometheusMetrics({ defaultMetrics: false }),
  ) {
    this.#timer = setInterval(() => void this.flush(), flushMs);
    this.#timer.unref();
  }

  /** Counts one answered API call (status as sent; 499 for a client that went away). */
  recordApiCall(call: ApiCall): void {
    const minute = minuteOf(call.ts);
    const statusClass = Math.trunc(call.status / 100);
    const key = `${minute}|${call.method}|${statusClass}|${call.route}`;
    let entry = this.#api.get(key);
    if (!entry) {
      entry = { minute, method: call.method, route: call.route, statusClass, agg: emptyAggregate() };
      this.#api.set(key, entry);
    }
    addCall(entry.agg, call.durationMs);
    this.prometheus.httpDuration.observe({ route: call.route, method: call.method, status: String(call.status) }, call.durationMs / 1000);
  }

  /** Counts one ERP call (src/integrations/erp/recorded.ts). */
  recordErpCall(call: { endpoint: string; ok: boolean; durationMs: number; error?: string; ts?: number }): void {
    const minute = minuteOf(call.ts ?? Date.now());
    const ok = call.ok ? 1 : 0;
    const key = `${minute}|${ok}|${call.endpoint}`;
    let entry = this.#erp.get(key);
    if (!entry) {
      entry = { minute, endpoint: call.endpoint, ok, agg: emptyAggregate() };
      this.#erp.set(key, entry);
    }
    addCall(entry.agg, call.durationMs);
    this.prometheus.erpDuration.observe({ endpoint: call.endpoint, outcome: call.ok ? 'ok' : 'error' }, call.durationMs / 1000);
  }

  /** Writes the buckets gathered since the last flush; serialised so flushes never interleave. Never throws. */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#write());
    return this.#flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
  }

  async #write(): Promise<void> {
    const api = [...this.#api.values()];
    const erp = [...this.#erp.values()];
    this.#api = new Map();
    this.#erp = new Map();
    if (!api.length && !erp.length) return;
    try {
      // minute and hour buckets in one transaction, so that the two views always agree
      await this.db.transaction().execute(async (trx) => {
        for (let i = 0; i < api.length; i += CHUNK) {
          await trx
            .insertInto('api_call_buckets')
            .values(
              api.slice(i, i + CHUNK).map((b) => ({
                minute: b.minute,
                method: b.method,
                route: b.route,
                status_class: b.statusClass,
                calls: b.agg.calls,
                sum_ms: b.agg.sumMs,
                max_ms: b.agg.maxMs,
                ...histogramRow(b.agg),
              })),
            )
            .onConflict((oc) =>
              oc.columns(['minute', 'method', 'route', 'status_class']).doUpdateSet(additive('api_call_buckets') as never),
            )
            .execute();
        }
        for (let i = 0; i < erp.length; i += CHUNK) {
          await trx
            .insertInto('erp_call_buckets')
            .values(
              erp.slice(i, i + CHUNK).map((b) => ({
                minute: b.minute,
                endpoint: b.endpoint,
                ok: b.ok,
                calls: b.agg.calls,
                sum_ms: b.agg.sumMs,
                max_ms: b.agg.maxMs,
                ...histogramRow(b.agg),
              })),
            )
            .onConflict((oc) => oc.columns(['minute', 'endpoint', 'ok']).doUpdateSet(additive('erp_call_buckets') as never))
            .execute();
        }
        const hours = hourRows(api);
        for (let i = 0; i < hours.length; i += CHUNK) {
          await trx
            .insertInto('api_call_hours')
            .values(hours.slice(i, i + CHUNK))
            .onConflict((oc) => oc.columns(['hour', 'method', 'route', 'status_class']).doUpdateSet(additive('api_call_hours') as never))
            .execute();
        }
      });
    } catch (err) {
      this.logger.error({ err, droppedBuckets: api.length + erp.length }, 'metrics flush failed');
    }
  }
}
