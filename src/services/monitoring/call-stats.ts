import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

const HOUR_MS = 3_600_000;
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
 * Spec 000 `GET /api/erp/status`: per ERP endpoint over the last hour (calls recorded by
 * withCallRecording), busiest first.
 */
export async function erpStatus(db: Db, now = Date.now()): Promise<{ stats: ErpEndpointStats[]; checkTime: number }> {
  const rows = await db
    .selectFrom('erp_calls')
    .select([
      'endpoint',
      sql<number>`count(*)`.as('total'),
      sql<number>`avg(duration_ms)`.as('avg'),
      sql<number>`sum(case when ok = 1 then 0 else 1 end)`.as('errors'),
    ])
    .where('ts', '>=', now - HOUR_MS)
    .groupBy('endpoint')
    .orderBy(sql`count(*)`, 'desc')
    .execute();
  return {
    checkTime: now,
    stats: rows.map((r) => {
      const total = Number(r.total);
      const errors = Number(r.errors);
      return {
        endpoint: r.endpoint,
        totalCalls: total,
        avgResponseTime: round2(Number(r.avg)),
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
 * Spec 000 `GET /api/metrics/performance`: API calls of the last 24 h by hour (labelled
 * `YYYY-MM-DD HH:00:00` in `timeZone`) and by route pattern.
 */
export async function performanceStats(
  db: Db,
  timeZone: string,
  now = Date.now(),
): Promise<{ hourlyStats: (CallBucket & { hour: string })[]; endpointStats: (CallBucket & { endpoint: string })[] }> {
  const since = now - 24 * HOUR_MS;
  const aggregates = [
    sql<number>`count(*)`.as('total'),
    sql<number>`avg(duration_ms)`.as('avg'),
    sql<number>`max(duration_ms)`.as('max'),
    sql<number>`sum(case when status >= 500 then 1 else 0 end)`.as('errors'),
  ] as const;
  // a literal, not a parameter: Postgres must see the same expression in SELECT and GROUP BY
  const hourExpr = sql<number>`(ts / ${sql.lit(HOUR_MS)})`;
  const [hours, endpoints] = await Promise.all([
    db
      .selectFrom('api_calls')
      .select([hourExpr.as('hour'), ...aggregates])
      .where('ts', '>=', since)
      .groupBy(hourExpr)
      .orderBy(hourExpr)
      .execute(),
    db
      .selectFrom('api_calls')
      .select(['route', ...aggregates])
      .where('ts', '>=', since)
      .groupBy('route')
      .orderBy(sql`count(*)`, 'desc')
      .execute(),
  ]);
  const bucket = (r: { total: number; avg: number; max: number; errors: number }): CallBucket => ({
    totalCalls: Number(r.total),
    avgResponseTime: round2(Number(r.avg)),
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
