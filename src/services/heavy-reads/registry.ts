import type { Db } from '../../db/connect.ts';
import { inlineReadPool, type ReadPool, workerReadPool } from '../../db/read-pool.ts';
import { customerReport } from '../analytics/customers.ts';
import { financialReport } from '../analytics/financial.ts';
import { platformOverview } from '../analytics/platform-overview.ts';
import { salesReport } from '../analytics/sales.ts';
import { topProducts } from '../analytics/top-products.ts';
import { erpStatus, performanceStats } from '../monitoring/call-stats.ts';

/**
 * The reads that run off the event loop on SQLite (README "Heavy reads: the worker pool").
 * - Heavy lane: every BI report of spec 004 bi §1–5. Each scans orders (customers, sales'
 *   distinct customers, the partial edge days of top products) or sums up to a year of hourly
 *   rollups, so its time grows with the data and may reach seconds.
 * - Quick lane (`QUICK_READS`): the monitoring reads of spec 000, O(buckets) but still a few
 *   milliseconds at 10M calls a day; a lane of their own so that they never queue behind a
 *   report that runs for seconds.
 * The paged commerce lists stay on the event loop (one index range of a page).
 */
export const heavyReads = {
  sales: salesReport,
  topProducts,
  customers: customerReport,
  financial: financialReport,
  platformOverview,
  performanceStats,
  erpStatus,
};
export type HeavyReads = typeof heavyReads;
export type HeavyReadPool = ReadPool<HeavyReads>;

/** The reads of the quick lane: bounded by the bucket count, never by the data's age or size. */
export const QUICK_READS: readonly (keyof HeavyReads)[] = ['performanceStats', 'erpStatus'];

/**
 * The heavy-read pool of a deployment: worker threads with read-only connections on a SQLite
 * file when `threads` > 0 (`threads` for the heavy lane, one for the quick lane, all `nice` levels
 * below the server), else inline on `db` (Postgres, `:memory:`, or READ_POOL_THREADS=0).
 */
export function createHeavyReadPool(opts: { db: Db; sqliteFile: string | undefined; threads: number; nice?: number }): HeavyReadPool {
  if (!opts.sqliteFile || opts.threads <= 0) return inlineReadPool(opts.db, heavyReads);
  return workerReadPool(opts.sqliteFile, new URL(`./worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url), {
    threads: opts.threads,
    nice: opts.nice ?? 0,
    quick: QUICK_READS,
  });
}
