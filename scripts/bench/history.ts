import type { Db } from '../../src/db/connect.ts';
import { HISTOGRAM_KEYS, MINUTE_MS, minuteOf } from '../../src/services/monitoring/metrics/buckets.ts';

const HOUR_MS = 3_600_000;

/**
 * Call history as the recorder leaves it after `days` days at `callsPerDay` API calls a day:
 * per minute, `routes` route patterns answering 2xx, every 5th also 4xx, every 20th also 5xx
 * (minute and hour buckets), and 8 ERP endpoints, ok and failed. 10M calls a day over 60 routes
 * is ~108k minute rows a day: the bucket count, not the call count, is what the reads pay for.
 * @returns the minute rows written.
 */
export async function fillCallHistory(db: Db, o: { callsPerDay: number; days: number; routes?: number; now?: number }): Promise<number> {
  const routes = o.routes ?? 60;
  const now = o.now ?? Date.now();
  const perMinute = o.callsPerDay / 1440 / routes;
  const first = minuteOf(now) - o.days * 1440 * MINUTE_MS;
  const hist = (calls: number) => Object.fromEntries(HISTOGRAM_KEYS.map((k, i) => [k, i === 1 ? calls : 0]));
  let api: Record<string, unknown>[] = [];
  let erp: Record<string, unknown>[] = [];
  const hours = new Map<
    string,
    { hour: number; method: string; route: string; status_class: number; calls: number; sum_ms: number; max_ms: number }
  >();
  let written = 0;
  const chunk = 500;
  const flush = async () => {
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < api.length; i += chunk)
        await trx
          .insertInto('api_call_buckets')
          .values(api.slice(i, i + chunk) as never)
          .execute();
      for (let i = 0; i < erp.length; i += chunk)
        await trx
          .insertInto('erp_call_buckets')
          .values(erp.slice(i, i + chunk) as never)
          .execute();
    });
    written += api.length;
    api = [];
    erp = [];
  };
  for (let m = first; m <= now; m += MINUTE_MS) {
    for (let r = 0; r < routes; r++) {
      const route = `/api/bench/r${String(r).padStart(2, '0')}`;
      const rows: [number, number][] = [[2, Math.max(1, Math.round(perMinute * 0.95))]];
      if (r % 5 === 0) rows.push([4, Math.max(1, Math.round(perMinute * 0.2))]);
      if (r % 20 === 0) rows.push([5, 1]);
      for (const [statusClass, calls] of rows) {
        api.push({ minute: m, method: 'GET', route, status_class: statusClass, calls, sum_ms: calls * 8, max_ms: 40, ...hist(calls) });
        const hour = m - (m % HOUR_MS);
        const key = `${hour}|${route}|${statusClass}`;
        const h = hours.get(key);
        if (h) {
          h.calls += calls;
          h.sum_ms += calls * 8;
        } else hours.set(key, { hour, method: 'GET', route, status_class: statusClass, calls, sum_ms: calls * 8, max_ms: 40 });
      }
    }
    for (let e = 0; e < 8; e++) {
      for (const ok of [1, 0])
        erp.push({ minute: m, endpoint: `GET /erp/e${e}`, ok, calls: ok ? 20 : 1, sum_ms: 300, max_ms: 90, ...hist(ok ? 20 : 1) });
    }
    if (api.length >= 20_000) await flush();
  }
  await flush();
  const hourRows = [...hours.values()];
  for (let i = 0; i < hourRows.length; i += chunk)
    await db
      .insertInto('api_call_hours')
      .values(hourRows.slice(i, i + chunk))
      .execute();
  return written;
}
