import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { MINUTE_MS, minuteOf } from '../metrics/buckets.ts';

const HOUR_MS = 3_600_000;

/** The first minute bucket of a window of `ms` ending now: the current minute and those before it. */
export const windowStart = (now: number, ms: number) => minuteOf(now) - ms + MINUTE_MS;
const round2 = (n: number) => Math.round(n * 100) / 100;
const pct = (part: number, whole: number) => (whole ? round2((part / whole) * 100) : 0);

export interface ErpEndpointStats {
  endpoint: string;
  totalCalls: number;
  /** ms */
  avgResponseTime: number;
  /** percent, two decimals */
  errorRate: number;
  successRate: number;
}

/**
 * Spec 000 `GET /api/erp/status`: per ERP endpoint over the last hour (the current minute and the
 * 59 before it), from the per-minute buckets (src/services/metrics/recorder.ts), busiest first.
 */
export async function erpStatus(db: Db, now = Date.now()): Promise<{ stats: ErpEndpointStats[]; checkTime: number }> {
  const rows = await db
    .selectFrom('erp_call_buckets')
    .select([
      'endpoint',
      sql<number>`sum(calls)`.as('total'),
      sql<number>`sum(sum_ms)`.as('sum'),
      sql<number>`sum(case when ok = 1 then 0 else calls end)`.as('errors'),
    ])
    .where('minute', '>=', windowStart(now, HOUR_MS))
    .groupBy('endpoint')
    .orderBy(sql`sum(calls)`, 'desc')
    .orderBy('endpoint')
    .execute();
  return {
    checkTime: now,
    stats: rows.map((r) => {
      const total = Number(r.total);
      const errors = Number(r.errors);
      return {
        endpoint: r.endpoint,
        totalCalls: total,
        avgResponseTime: round2(Number(r.sum) / total),
        errorRate: pct(errors, total),
        successRate: round2(100 - pct(errors, total)),
      };
    }),
  };
}

export interface CallBucket {
  totalCalls: number;
  avgResponseTime: number;
  maxResponseTime: number;
  /** Answers with status ≥ 500: 4xx are the caller's errors, not the service's. */
  errorCalls: number;
  errorRate: number;
}

/**
 * Spec 000 `GET /api/metrics/performance`: API calls of the last 24 h (1440 minute buckets) by
 * hour (labelled `YYYY-MM-DD HH:00:00` in `timeZone`) and by route pattern, read from the
 * per-minute buckets: O(buckets), whatever the traffic.
 */
export async function performanceStats(
  db: Db,
  timeZone: string,
  now = Date.now(),
): Promise<{ hourlyStats: (CallBucket & { hour: string })[]; endpointStats: (CallBucket & { endpoint: string })[] }> {
  const since = windowStart(now, 24 * HOUR_MS);
  const aggregates = [
    sql<number>`sum(calls)`.as('total'),
    sql<number>`sum(sum_ms)`.as('sum'),
    sql<number>`max(max_ms)`.as('max'),
    sql<number>`sum(case when status_class >= 5 then calls else 0 end)`.as('errors'),
  ] as const;
  // a literal, not a parameter: Postgres must see the same expression in SELECT and GROUP BY
  const hourExpr = sql<number>`(minute / ${sql.lit(HOUR_MS)})`;
  const [hours, endpoints] = await Promise.all([
    db
      .selectFrom('api_call_buckets')
      .select([hourExpr.as('hour'), ...aggregates])
      .where('minute', '>=', since)
      .groupBy(hourExpr)
      .orderBy(hourExpr)
      .execute(),
    db
      .selectFrom('api_call_buckets')
      .select(['route', ...aggregates])
      .where('minute', '>=', since)
      .groupBy('route')
      .orderBy(sql`sum(calls)`, 'desc')
      .orderBy('route')
      .execute(),
  ]);
  const bucket = (r: { total: number; sum: number; max: number; errors: number }): CallBucket => ({
    totalCalls: Number(r.total),
    avgResponseTime: round2(Number(r.sum) / Number(r.total)),
    maxResponseTime: round2(Number(r.max)),
    errorCalls: Number(r.errors),
    errorRate: pct(Number(r.errors), Number(r.total)),
  });
  const fmt = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  });
  return {
    hourlyStats: hours.map((r) => ({ hour: `${fmt.format(Math.trunc(Number(r.hour)) * HOUR_MS)}:00:00`, ...bucket(r) })),
    endpointStats: endpoints.map((r) => ({ endpoint: r.route, ...bucket(r) })),
  };
}
