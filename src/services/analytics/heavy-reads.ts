import type { Db } from '../../db/connect.ts';
import { inlineReadPool, type ReadPool, workerReadPool } from '../../db/read-pool.ts';
import { customerReport } from './customers.ts';
import { financialReport } from './financial.ts';
import { platformOverview } from './platform-overview.ts';
import { salesReport } from './sales.ts';
import { topProducts } from './top-products.ts';

/**
 * The reads that may hold a SQLite connection for long (README "Heavy reads: the worker pool"): every BI report
 * of spec 004 bi §1–5. Each scans orders (customers, sales' distinct customers, the partial edge
 * days of top products) or sums up to a year of hourly rollups, so its time grows with the data:
 * on SQLite they run in worker threads. The paged commerce lists and the monitoring reads
 * (O(buckets)) stay on the event loop.
 */
export const heavyReads = {
  sales: salesReport,
  topProducts,
  customers: customerReport,
  financial: financialReport,
  platformOverview,
};
export type HeavyReads = typeof heavyReads;
export type HeavyReadPool = ReadPool<HeavyReads>;

/**
 * The heavy-read pool of a deployment: worker threads with read-only connections on a SQLite
 * file when `threads` > 0, else inline on `db` (Postgres, `:memory:`, or READ_POOL_THREADS=0).
 */
export function createHeavyReadPool(opts: { db: Db; sqliteFile: string | undefined; threads: number }): HeavyReadPool {
  if (!opts.sqliteFile || opts.threads <= 0) return inlineReadPool(opts.db, heavyReads);
  return workerReadPool(
    opts.sqliteFile,
    new URL(`./read-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url),
    opts.threads,
  );
}
