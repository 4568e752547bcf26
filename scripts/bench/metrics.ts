/**
 * The metrics suite (issue 11): GET /api/metrics/performance and GET /api/erp/status over call
 * history at `callsPerDay` (bucket rows, as the recorder writes them), sequential requests through
 * the full stack; p50/p95 against GET /api/health/check of the same run; target p95 ≤ 20 ms.
 * SQLite always, Postgres when a URL is given.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest, openDatabase } from '../../src/db/connect.ts';
import { refreshStatistics } from '../../src/db/sql.ts';
import { tokensFor } from './bi.ts';
import { freePort, loopGet, pct, pgSchema, startBenchServer } from './common.ts';
import { fillCallHistory } from './history.ts';

export interface MetricsOptions {
  callsPerDay: number;
  /** Days of history (the reads look at 24 h and 1 h; older rows are what retention leaves). */
  days: number;
  requests: number;
  sqlite: boolean;
  pgUrl?: string;
}

async function runDialect(dialect: 'sqlite' | 'postgres', o: MetricsOptions) {
  const port = await freePort();
  let url: string;
  let schema: string | undefined;
  let drop: () => Promise<void>;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tracehub-metrics-'));
    url = join(dir, 'metrics.db');
    drop = async () => rmSync(dir, { recursive: true, force: true });
  } else ({ url, schema, drop } = await pgSchema(o.pgUrl!, 'bench_metrics'));
  try {
    const { db } = openDatabase(url);
    let admin: string;
    try {
      await migrateToLatest(db, schema ? { schema } : {});
      const t0 = performance.now();
      const rows = await fillCallHistory(db, { callsPerDay: o.callsPerDay, days: o.days });
      await refreshStatistics(dialect).execute(db);
      console.log(
        `[metrics ${dialect}] ${rows} minute buckets (${o.days} d at ${o.callsPerDay} calls/day) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      await db.insertInto('factories').values({ id: 'BENCH', name: 'bench', created_at: Date.now() }).execute();
      admin = (await tokensFor(db, 'BENCH')).admin;
    } finally {
      await db.destroy();
    }
    const child = await startBenchServer('full', url, port, ['TIME_ZONE=Asia/Shanghai']);
    try {
      const base = `http://127.0.0.1:${port}`;
      const measure = async (path: string, token?: string) => {
        let n = 3;
        await loopGet(base + path, token, () => n-- <= 0);
        let left = o.requests;
        const times = (await loopGet(base + path, token, () => left-- <= 0)).sort((a, b) => a - b);
        return { p50: pct(times, 50), p95: pct(times, 95) };
      };
      const health = await measure('/api/health/check');
      const perf = await measure('/api/metrics/performance', admin);
      const erp = await measure('/api/erp/status', admin);
      console.log(
        `\nmetrics on ${dialect}: ${o.callsPerDay} calls/day, ${o.days} d of buckets, ${o.requests} sequential requests; ms; × = p95 / health p95; target p95 ≤ 20 ms`,
      );
      for (const [name, f] of [
        ['baseline: health/check', health],
        ['metrics/performance', perf],
        ['erp/status', erp],
      ] as const) {
        console.log(
          `${name.padEnd(26)} p50 ${f.p50.toFixed(1).padStart(7)}  p95 ${f.p95.toFixed(1).padStart(7)}  ${(f.p95 / health.p95).toFixed(2).padStart(6)}×${f.p95 > 20 ? '  > 20 ms' : ''}`,
        );
      }
      console.log('');
    } finally {
      child.kill('SIGTERM');
    }
  } finally {
    await drop();
  }
}

/** Runs the metrics suite on SQLite and, given a URL, Postgres. */
export async function runMetrics(o: MetricsOptions): Promise<void> {
  if (o.sqlite) await runDialect('sqlite', o);
  if (o.pgUrl) await runDialect('postgres', o);
}
