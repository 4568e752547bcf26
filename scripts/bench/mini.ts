/**
 * The mini suite: GET /api/orders/search through the full stack (cache off, and with its 30 s
 * cache) against a bare Hono route doing the same queries, servers in their own processes,
 * interleaved rounds; each figure a ratio to the bare baseline of the same run and dialect.
 * SQLite always (bare: better-sqlite3 prepared statements); Postgres when a URL is given (bare:
 * `pg` named prepared statements).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { migrateToLatest, openDatabase } from '../../src/db/connect.ts';
import { cpuMs, freePort, pgSchema, postgresCpuMs, startBenchServer } from './common.ts';
import { buildFixture } from './fixture.ts';

export interface MiniOptions {
  duration: number;
  rounds: number;
  connections: number;
  orders: number;
  sqlite: boolean;
  pgUrl?: string;
}

interface Target {
  name: string;
  mode: 'full' | 'bare' | 'bare-pg';
  cache: string;
  port: number;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function runDialect(dialect: 'sqlite' | 'postgres', o: MiniOptions) {
  let url: string;
  let drop: () => Promise<void> = async () => {};
  let schema: string | undefined;
  if (dialect === 'sqlite') url = join(mkdtempSync(join(tmpdir(), 'tracehub-bench-')), 'bench.db');
  else {
    const s = await pgSchema(o.pgUrl!, 'bench_mini');
    ({ url, schema } = s);
    drop = s.drop;
  }
  try {
    const { db } = openDatabase(url);
    await migrateToLatest(db, schema ? { schema } : {});
    const token = await buildFixture(db, o.orders);
    await db.destroy();
    const bare = dialect === 'sqlite' ? 'bare Hono + prepared statements (baseline)' : 'bare Hono + pg prepared statements (baseline)';
    const targets: Target[] = [
      { name: bare, mode: dialect === 'sqlite' ? 'bare' : 'bare-pg', cache: '0', port: await freePort() },
      { name: 'full stack, cache off', mode: 'full', cache: '0', port: await freePort() },
      { name: 'full stack, 30 s search cache', mode: 'full', cache: '30000', port: await freePort() },
    ];
    const load = (port: number, seconds: number) =>
      autocannon({
        url: `http://127.0.0.1:${port}/api/orders/search?page=1&pageSize=20`,
        headers: { authorization: `Bearer ${token}` },
        connections: o.connections,
        duration: seconds,
      });
    // CPU per request, server and Postgres (from /proc): steadier than throughput on a small
    // machine where the server, the database and the load generator share the cores
    const results = new Map<string, { rps: number[]; p99: number[]; non2xx: number; requests: number; cpu: number; pgCpu: number }>();
    const children: ChildProcess[] = [];
    try {
      for (const t of targets) children.push(await startBenchServer(t.mode, url, t.port, [`ORDER_CACHE_TTL_MS=${t.cache}`]));
      for (const t of targets) await load(t.port, 3); // warm-up
      for (let r = 0; r < o.rounds; r++) {
        for (const t of r % 2 ? [...targets].reverse() : targets) {
          const pid = children[targets.indexOf(t)]!.pid!;
          const [cpu0, pg0] = [cpuMs(pid), dialect === 'postgres' ? postgresCpuMs() : 0];
          const res = await load(t.port, o.duration);
          const e = results.get(t.name) ?? { rps: [], p99: [], non2xx: 0, requests: 0, cpu: 0, pgCpu: 0 };
          e.requests += res.requests.total;
          e.cpu += cpuMs(pid) - cpu0;
          if (dialect === 'postgres') e.pgCpu += postgresCpuMs() - pg0;
          e.rps.push(res.requests.average);
          e.p99.push(res.latency.p99);
          e.non2xx += res.non2xx + res.errors;
          results.set(t.name, e);
          console.log(
            `[mini ${dialect}] round ${r + 1}  ${t.name.padEnd(46)} ${res.requests.average.toFixed(0).padStart(6)} req/s  p99 ${res.latency.p99} ms`,
          );
        }
      }
    } finally {
      for (const c of children) c.kill('SIGTERM');
    }
    const base = results.get(targets[0]!.name)!;
    console.log(
      `\nmini on ${dialect}: GET /api/orders/search, ${o.connections} connections, ${o.rounds} × ${o.duration} s, ${o.orders} orders/company`,
    );
    for (const t of targets) {
      const e = results.get(t.name)!;
      const perRequest = (ms: number, baseMs: number) =>
        `${((ms / e.requests) * 1000).toFixed(0).padStart(5)} µs (${(ms / e.requests / (baseMs / base.requests)).toFixed(2)}×)`;
      console.log(
        `${t.name.padEnd(46)} ${mean(e.rps).toFixed(0).padStart(6)} req/s  p99 ${mean(e.p99).toFixed(1).padStart(6)} ms  throughput ${(mean(e.rps) / mean(base.rps)).toFixed(2)}×  p99 ${(mean(e.p99) / mean(base.p99)).toFixed(2)}×  non-2xx ${e.non2xx}` +
          `  server CPU/request ${perRequest(e.cpu, base.cpu)}` +
          (dialect === 'postgres' ? `  Postgres CPU/request ${perRequest(e.pgCpu, base.pgCpu)}` : ''),
      );
    }
  } finally {
    await drop();
  }
}

/** Runs the mini suite on SQLite and, given a URL, on Postgres. */
export async function runMini(o: MiniOptions): Promise<void> {
  if (o.sqlite) await runDialect('sqlite', o);
  if (o.pgUrl) await runDialect('postgres', o);
}
