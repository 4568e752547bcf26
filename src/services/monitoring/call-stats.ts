import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { MINUTE_MS, minuteOf } from './metrics/buckets.ts';

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
 * 59 before it), from the per-minute buckets (src/services/monitoring/metrics/recorder.ts), busiest first.
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
 * Spec 000 `GET /api/metrics/performance`: API calls of the last 24 h (the current minute and the
 * 1439 before it) by hour (labelled `YYYY-MM-DD HH:00:00` in `timeZone`) and by route pattern:
 * the minutes of the window's first, partial hour from the minute buckets, the whole hours from
 * the hour buckets (migration 2026-12-11-003). O(routes × hours), whatever the traffic.
 */
export async function performanceStats(
  db: Db,
  timeZone: string,
  now = Date.now(),
): Promise<{ hourlyStats: (CallBucket & { hour: string })[]; endpointStats: (CallBucket & { endpoint: string })[] }> {
  const since = windowStart(now, 24 * HOUR_MS);
  const firstWholeHour = Math.ceil(since / HOUR_MS) * HOUR_MS;
  const columns = (hour: ReturnType<typeof sql<number>>) =>
    [
      hour.as('hour'),
      'route',
      sql<number>`sum(calls)`.as('total'),
      sql<number>`sum(sum_ms)`.as('sum'),
      sql<number>`max(max_ms)`.as('max'),
      sql<number>`sum(case when status_class >= 5 then calls else 0 end)`.as('errors'),
    ] as const;
  // literals, not parameters: Postgres must see the same expression in SELECT and GROUP BY
  const minuteHour = sql<number>`(minute / ${sql.lit(HOUR_MS)})`;
  const hourHour = sql<number>`(hour / ${sql.lit(HOUR_MS)})`;
  const [partial, whole] = await Promise.all([
    db
      .selectFrom('api_call_buckets')
      .select([...columns(minuteHour)])
      .where('minute', '>=', since)
      .where('minute', '<', firstWholeHour)
      .groupBy([minuteHour, 'route'])
      .execute(),
    db
      .selectFrom('api_call_hours')
      .select([...columns(hourHour)])
      .where('hour', '>=', firstWholeHour)
      .groupBy([hourHour, 'route'])
      .execute(),
  ]);
  const byHour = new Map<number, Sums>();
  const byRoute = new Map<string, Sums>();
  for (const r of [...partial, ...whole]) {
    const s = { total: Number(r.total), sum: Number(r.sum), max: Number(r.max), errors: Number(r.errors) };
    add(byHour, Math.trunc(Number(r.hour)), s);
    add(byRoute, r.route, s);
  }
  const fmt = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  });
  return {
    hourlyStats: [...byHour.entries()]
      .sort(([a], [b]) => a - b)
      .map(([h, s]) => ({ hour: `${fmt.format(h * HOUR_MS)}:00:00`, ...bucket(s) })),
    endpointStats: [...byRoute.entries()]
      .sort(([ra, a], [rb, b]) => b.total - a.total || (ra < rb ? -1 : ra > rb ? 1 : 0))
      .map(([route, s]) => ({ endpoint: route, ...bucket(s) })),
  };
}

interface Sums {
  total: number;
  sum: number;
  max: number;
  errors: number;
}

function add<K>(map: Map<K, Sums>, key: K, s: Sums): void {
  const a = map.get(key);
  if (!a) map.set(key, { ...s });
  else {
    a.total += s.total;
    a.sum += s.sum;
    a.max = Math.max(a.max, s.max);
    a.errors += s.errors;
  }
}

const bucket = (r: Sums): CallBucket => ({
  totalCalls: r.total,
  avgResponseTime: round2(r.sum / r.total),
  maxResponseTime: round2(r.max),
  errorCalls: r.errors,
  errorRate: pct(r.errors, r.total),
});
