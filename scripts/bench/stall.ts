/**
 * The stall suite (issue 11): health-check p99 while each heavy endpoint runs in a loop, divided by
 * the idle health-check p99 of the same server and run; target ≤ 2×. Two probes: paced (checks
 * sent at a fixed rate, the stall measure) and saturated (two connections back to back, the share
 * of a busy server's CPU a check gets). SQLite, a file holding
 * `orders` generated commerce orders and a day of call history at 10M calls a day. Two servers:
 * the default (heavy reads on the worker pool) and, as the contrast, READ_POOL_THREADS=0 (every
 * read on the event loop); both with the BI report cache off, so that every read computes. The
 * loop runs in a process of its own (scripts/bench/loop-client.ts), the probes in this one; the
 * server's own event-loop delay (read from its /metrics) tells a stall from a CPU share.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  // autocannon reports whole milliseconds: an idle p99 of 0 is under 1 ms, counted as 1 so that ratios stay finite
  return { paced: pct(paced.sorted, 99), saturated: Math.max(1, r.latency.p99), failed: paced.failed + r.non2xx + r.errors };
}

/**
 * The heavy endpoint requested back to back by scripts/bench/loop-client.ts in its own process,
 * so that the client's work does not delay this process's probes. `started` resolves once it is about
 * to send its first request; `stop` resolves with the duration of every request (ms).
 */
function startLoop(url: string, token: string): { started: Promise<void>; stop(): Promise<number[]> } {
  const child = fork(fileURLToPath(new URL('./loop-client.ts', import.meta.url)), ['--url', url, '--token', token], {
    execArgv: ['--import', 'tsx'],
  });
  const exited = (code: number | null) => new Error(`loop client for ${url} exited with ${code}`);
  const started = new Promise<void>((resolve, reject) => {
    child.on('message', (m) => m === 'ready' && resolve());
    child.once('exit', (code) => reject(exited(code)));
  });
  const done = new Promise<number[]>((resolve, reject) => {
    child.on('message', (m) => m !== 'ready' && resolve((m as { times: number[] }).times));
    child.once('exit', (code) => reject(exited(code)));
  });
  return {
    started,
    stop: () => {
      child.send('stop');
      return done;
    },
  };
}

const METRICS_TOKEN = 'stall-bench-scraper-token-0123456789abcdef';

/** prom-client's event-loop sampling interval (ms): each sample is the interval plus the delay. */
const LOOP_SAMPLE_MS = 10;

/**
 * The server's own stall measure: how long its event loop was held beyond prom-client's sampling
 * interval (`nodejs_eventloop_lag_*`, reset by each scrape) since the previous call, p99 and max
 * in ms, whatever the probes' processes and the CPU share did meanwhile.
 */
async function loopDelay(port: number): Promise<{ p99: number; max: number }> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  const text = await res.text();
  const read = (name: string) => {
    const seconds = Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1] ?? Number.NaN);
    return Math.max(0, seconds * 1000 - LOOP_SAMPLE_MS);
  };
  return { p99: read('nodejs_eventloop_lag_p99_seconds'), max: read('nodejs_eventloop_lag_max_seconds') };
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
      const child: ChildProcess = await startBenchServer('full', file, port, [
        'TIME_ZONE=Asia/Shanghai',
        `METRICS_TOKEN=${METRICS_TOKEN}`,
        ...set,
      ]);
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
        await loopDelay(port);
        const idle = await probe(port, o.seconds, o.rate);
        const idleDelay = await loopDelay(port);
        const lines: string[] = [];
        const ms = (v: number) => `${v.toFixed(1).padStart(7)} ms`;
        const cell = (ms: number, base: number) => `${ms.toFixed(1).padStart(7)} ms ${(ms / base).toFixed(2).padStart(6)}×`;
        for (const h of heavies(merchants[0]!)) {
          const loop = startLoop(`http://127.0.0.1:${port}${h.path}`, tokens[h.as]);
          await loop.started;
          await loopDelay(port);
          const busy = await probe(port, o.seconds, o.rate);
          const delay = await loopDelay(port);
          const times = await loop.stop();
          const mean = times.reduce((a, b) => a + b, 0) / times.length;
          const over = busy.paced / idle.paced > 2 ? '  paced > 2×' : '';
          lines.push(
            `${h.name.padEnd(34)} ${String(times.length).padStart(5)} × ${mean.toFixed(1).padStart(8)} ms  ${cell(busy.paced, idle.paced)}  ${cell(busy.saturated, idle.saturated)}  ${ms(delay.p99)} ${ms(delay.max)}${busy.failed ? `  ${busy.failed} checks failed` : ''}${over}`,
          );
          console.log(`[stall ${label}] ${lines[lines.length - 1]}`);
        }
        console.log(
          `\nstall, ${label}: ${o.orders} orders, ${o.callsPerDay} calls/day of history; ${o.seconds} s per probe; target ≤ 2×\n` +
            `idle health p99 (= 1×): paced (${o.rate}/s) ${idle.paced.toFixed(2)} ms, saturated (2 connections) ${idle.saturated.toFixed(1)} ms; ` +
            `idle event loop held p99 ${idleDelay.p99.toFixed(1)} ms, max ${idleDelay.max.toFixed(1)} ms`,
        );
        console.log(
          `${'heavy endpoint in a loop'.padEnd(34)}  runs ×     mean   paced p99             saturated p99         loop held p99    max`,
        );
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
