/**
 * The stall suite (issue 11): health-check p99 while each heavy endpoint runs in a loop, divided by
 * the idle health-check p99 of the same server and run; target ≤ 2×. SQLite, a file holding
 * `orders` generated commerce orders and a day of call history at 10M calls a day. Two servers:
 * the default (heavy reads on the worker pool) and, as the contrast, READ_POOL_THREADS=0 (every
 * read on the event loop); both with the BI report cache off, so that every read computes.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase } from '../../src/db/connect.ts';
import { refreshStatistics } from '../../src/db/sql.ts';
import { fillCommerce, merchantIdsOf } from '../generate-commerce.ts';
import { tokensFor } from './bi.ts';
import { freePort, loopGet, startBenchServer } from './common.ts';
import { fillCallHistory } from './history.ts';

export interface StallOptions {
  orders: number;
  /** Keep the file (/tmp/tracehub-stall-bench.db) and reuse it when it holds `orders` orders (10M take minutes to generate). */
  keep?: boolean;
  /** Seconds of health-check load per case. */
  seconds: number;
  callsPerDay: number;
}

const KEEP_FILE = join(tmpdir(), 'tracehub-stall-bench.db');

interface Heavy {
  name: string;
  path: string;
  as: 'merchant' | 'admin';
}

const heavies = (merchant: string): Heavy[] => [
  { name: 'customers days=365 (platform)', path: '/api/v1/customers?days=365', as: 'admin' },
  { name: 'customers days=90 (platform)', path: '/api/v1/customers?days=90', as: 'admin' },
  { name: 'customers days=365 (merchant)', path: '/api/v1/customers?days=365', as: 'merchant' },
  { name: 'sales days=365 (platform)', path: '/api/v1/sales?days=365', as: 'admin' },
  { name: 'products/top days=365 (platform)', path: '/api/v1/products/top?days=365', as: 'admin' },
  { name: 'platform/overview', path: '/api/v1/platform/overview', as: 'admin' },
  { name: 'financial (platform)', path: '/api/v1/financial', as: 'admin' },
  { name: 'orders offset=2000', path: `/api/orders?merchant_id=${merchant}&limit=20&offset=2000`, as: 'merchant' },
  { name: 'metrics/performance', path: '/api/metrics/performance', as: 'admin' },
  { name: 'erp/status', path: '/api/erp/status', as: 'admin' },
];

/**
 * Health-check p99 (ms) under two connections for `seconds`, and how many checks failed or timed
 * out (autocannon's 10 s timeout): a server whose loop a report holds for longer (the contrast
 * server at 10M orders) loses checks rather than the run.
 */
async function healthP99(port: number, seconds: number): Promise<{ p99: number; failed: number }> {
  const r = await autocannon({ url: `http://127.0.0.1:${port}/api/health/check`, connections: 2, duration: seconds });
  return { p99: r.latency.p99, failed: r.non2xx + r.errors };
}

/** Runs the stall suite; prints one table per server. */
export async function runStall(o: StallOptions): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tracehub-stall-'));
  const file = o.keep ? KEEP_FILE : join(dir, 'stall.db');
  const merchants = merchantIdsOf(10, undefined);
  const { db } = openDatabase(file);
  let tokens: { merchant: string; admin: string };
  try {
    await migrateToLatest(db);
    const have = Number((await db.selectFrom('commerce_orders').select(sql<number>`count(*)`.as('n')).executeTakeFirst())?.n ?? 0);
    if (o.keep && have === o.orders) console.log(`[stall] reusing ${file}: ${have} orders`);
    else {
      if (have) throw new Error(`${file} holds ${have} orders, not ${o.orders}: delete it first`);
      const r = await fillCommerce(db, { orders: o.orders, days: 365, merchantIds: merchants, seed: 1, progress: false, offline: true });
      console.log(`[stall] ${r.orders} orders in ${r.seconds.toFixed(1)} s`);
    }
    // the history is relative to now: written afresh on every run
    await db.deleteFrom('api_call_buckets').execute();
    await db.deleteFrom('api_call_hours').execute();
    await db.deleteFrom('erp_call_buckets').execute();
    const rows = await fillCallHistory(db, { callsPerDay: o.callsPerDay, days: 1 });
    await refreshStatistics('sqlite').execute(db);
    console.log(`[stall] ${rows} minute buckets (${o.callsPerDay} calls/day)`);
    tokens = await tokensFor(db, merchants[0]!);
  } finally {
    await db.destroy();
  }
  // the report cache off: every loop iteration computes its report (the worst case, a scope
  // whose data changes between reads)
  const servers: [string, string[]][] = [
    ['worker pool (default), report cache off', ['BI_CACHE_ENTRIES=0']],
    ['READ_POOL_THREADS=0 (contrast), report cache off', ['READ_POOL_THREADS=0', 'BI_CACHE_ENTRIES=0']],
  ];
  try {
    for (const [label, set] of servers) {
      const port = await freePort();
      const child: ChildProcess = await startBenchServer('full', file, port, ['TIME_ZONE=Asia/Shanghai', ...set]);
      try {
        for (const h of heavies(merchants[0]!))
          await loopGet(
            `http://127.0.0.1:${port}${h.path}`,
            tokens[h.as],
            (
              (n) => () =>
                n-- <= 0
            )(2),
          ); // warm-up
        await healthP99(port, 2);
        const idle = (await healthP99(port, o.seconds)).p99;
        const lines: string[] = [];
        for (const h of heavies(merchants[0]!)) {
          let stop = false;
          const loop = loopGet(`http://127.0.0.1:${port}${h.path}`, tokens[h.as], () => stop);
          const busy = await healthP99(port, o.seconds);
          stop = true;
          const times = await loop;
          const mean = times.reduce((a, b) => a + b, 0) / times.length;
          const ratio = busy.p99 / idle;
          const verdict = busy.failed ? `  ${busy.failed} checks failed or timed out` : ratio > 2 ? '  > 2×' : '';
          lines.push(
            `${h.name.padEnd(34)} ${String(times.length).padStart(5)} × ${mean.toFixed(1).padStart(7)} ms   health p99 ${busy.p99.toFixed(1).padStart(7)} ms   ${ratio.toFixed(2).padStart(6)}×${verdict}`,
          );
          console.log(`[stall ${label}] ${lines[lines.length - 1]}`);
        }
        console.log(
          `\nstall, ${label}: ${o.orders} orders, ${o.callsPerDay} calls/day of history; idle health p99 ${idle.toFixed(1)} ms (= 1×); ${o.seconds} s per case; target ≤ 2×`,
        );
        console.log(`${'heavy endpoint in a loop'.padEnd(34)}  runs × mean`);
        for (const l of lines) console.log(l);
        console.log('');
      } finally {
        child.kill('SIGTERM');
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
