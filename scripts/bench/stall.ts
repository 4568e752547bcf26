/**
 * The stall suite (issue 11): health-check p99 while each heavy endpoint runs in a loop, divided by
 * the idle health-check p99 of the same server and run; target ≤ 2×. Two probes: paced (checks
 * sent at a fixed rate, the stall measure) and saturated (two connections back to back, the share
 * of a busy server's CPU a check gets). SQLite, a file holding
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
import { freePort, loopGet, pacedProbe, pct, startBenchServer } from './common.ts';
import { fillCallHistory } from './history.ts';

export interface StallOptions {
  orders: number;
  /** Keep the file (/tmp/tracehub-stall-bench.db) and reuse it when it holds `orders` orders (10M take minutes to generate). */
  keep?: boolean;
  /** Seconds of each health-check probe (a case runs the paced then the saturated one). */
  seconds: number;
  callsPerDay: number;
  /** Health checks per second of the paced probe. */
  rate: number;
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

interface Probe {
  /** Paced: health checks sent at `rate`/s on schedule (pacedProbe); p99 in ms. */
  paced: number;
  /** Saturated: two autocannon connections sending back to back; p99 in ms (1 ms resolution). */
  saturated: number;
  failed: number;
}

/**
 * The health check probed both ways, one after the other, `seconds` each. A stall shows in the
 * paced p99 (a check sent while the loop is held waits for all of it); the saturated p99 rises
 * with any extra work the server does, stall or not, since the two connections already keep it busy.
 */
async function probe(port: number, seconds: number, rate: number): Promise<Probe> {
  const url = `http://127.0.0.1:${port}/api/health/check`;
  const paced = await pacedProbe(url, rate, seconds);
  const r = await autocannon({ url, connections: 2, duration: seconds });
  return { paced: pct(paced.sorted, 99), saturated: r.latency.p99, failed: paced.failed + r.non2xx + r.errors };
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
        await probe(port, 2, o.rate);
        const idle = await probe(port, o.seconds, o.rate);
        const lines: string[] = [];
        const cell = (ms: number, base: number) => `${ms.toFixed(1).padStart(7)} ms ${(ms / base).toFixed(2).padStart(6)}×`;
        for (const h of heavies(merchants[0]!)) {
          let stop = false;
          const loop = loopGet(`http://127.0.0.1:${port}${h.path}`, tokens[h.as], () => stop);
          const busy = await probe(port, o.seconds, o.rate);
          stop = true;
          const times = await loop;
          const mean = times.reduce((a, b) => a + b, 0) / times.length;
          const over = busy.paced / idle.paced > 2 ? '  paced > 2×' : '';
          lines.push(
            `${h.name.padEnd(34)} ${String(times.length).padStart(5)} × ${mean.toFixed(1).padStart(8)} ms  ${cell(busy.paced, idle.paced)}  ${cell(busy.saturated, idle.saturated)}${busy.failed ? `  ${busy.failed} checks failed` : ''}${over}`,
          );
          console.log(`[stall ${label}] ${lines[lines.length - 1]}`);
        }
        console.log(
          `\nstall, ${label}: ${o.orders} orders, ${o.callsPerDay} calls/day of history; ${o.seconds} s per probe; target ≤ 2×\n` +
            `idle health p99 (= 1×): paced (${o.rate}/s) ${idle.paced.toFixed(2)} ms, saturated (2 connections) ${idle.saturated.toFixed(1)} ms`,
        );
        console.log(`${'heavy endpoint in a loop'.padEnd(34)}  runs ×     mean   paced p99             saturated p99`);
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
