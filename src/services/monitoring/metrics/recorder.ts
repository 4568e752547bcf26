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

/** The columns of a bucket row an aggregate fills: count, sum, max and the histogram. */
const aggregateColumns = (a: Aggregate) => ({
  calls: a.calls,
  sum_ms: a.sumMs,
  max_ms: a.maxMs,
  ...(Object.fromEntries(HISTOGRAM_KEYS.map((k, i) => [k, a.histogram[i]!])) as Record<HistogramKey, number>),
});

type BucketTable = 'api_call_buckets' | 'erp_call_buckets' | 'api_call_hours';

/** Inserts rows in chunks of CHUNK; a row whose `key` columns exist already is added to (`additive`). */
async function upsertBuckets(db: Db, table: BucketTable, key: readonly string[], rows: readonly object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK) as never)
      .onConflict((oc) => oc.columns(key as never).doUpdateSet(additive(table) as never))
      .execute();
  }
}

/** The entry of `key` in `map`, created by `make` when absent. */
function entryOf<T>(map: Map<string, T>, key: string, make: () => T): T {
  const found = map.get(key);
  if (found) return found;
  const entry = make();
  map.set(key, entry);
  return entry;
}

/** `table.col + excluded.col` for every additive column, and the larger max. */
function additive(table: BucketTable) {
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
    const entry = entryOf(this.#api, key, () => ({ minute, method: call.method, route: call.route, statusClass, agg: emptyAggregate() }));
    addCall(entry.agg, call.durationMs);
    this.prometheus.httpDuration.observe({ route: call.route, method: call.method, status: String(call.status) }, call.durationMs / 1000);
  }

  /** Counts one ERP call (src/integrations/erp/recorded.ts). */
  recordErpCall(call: { endpoint: string; ok: boolean; durationMs: number; error?: string; ts?: number }): void {
    const minute = minuteOf(call.ts ?? Date.now());
    const ok = call.ok ? 1 : 0;
    const key = `${minute}|${ok}|${call.endpoint}`;
    const entry = entryOf(this.#erp, key, () => ({ minute, endpoint: call.endpoint, ok, agg: emptyAggregate() }));
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
        const apiRows = api.map((b) => ({
          minute: b.minute,
          method: b.method,
          route: b.route,
          status_class: b.statusClass,
          ...aggregateColumns(b.agg),
        }));
        await upsertBuckets(trx, 'api_call_buckets', ['minute', 'method', 'route', 'status_class'], apiRows);
        const erpRows = erp.map((b) => ({ minute: b.minute, endpoint: b.endpoint, ok: b.ok, ...aggregateColumns(b.agg) }));
        await upsertBuckets(trx, 'erp_call_buckets', ['minute', 'endpoint', 'ok'], erpRows);
        await upsertBuckets(trx, 'api_call_hours', ['hour', 'method', 'route', 'status_class'], hourRows(api));
      });
    } catch (err) {
      this.logger.error({ err, droppedBuckets: api.length + erp.length }, 'metrics flush failed');
    }
  }
}
