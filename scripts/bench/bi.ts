/**
 * The BI bench (issue 6, spec 004): every BI endpoint through the full HTTP stack (a server
 * process per dialect, scripts/bench/server.ts) over generated commerce data, sequential
 * requests, p50/p95/max per endpoint and dialect, with GET /api/v1/users/me (token check plus a
 * one-row lookup, same stack) as the baseline of the same run.
 *
 * SQLite always (a temporary file); Postgres when a URL is given (`--pg URL` or
 * TEST_DATABASE_URL): a fresh schema `bench_bi_<hex>` in that database, dropped at the end.
 * With `--bi-keep` the data is kept (SQLite /tmp/tracehub-bi-bench.db, Postgres schema
 * `bench_bi_keep`) and reused by the next `--bi-keep` run when it holds the requested orders;
 * pending migrations are applied to it first, so index changes can be measured without
 * regenerating. Statistics are refreshed after loading (`vacuum analyze` on Postgres, so that
 * index-only scans need not visit the heap).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { type Db, type DialectName, migrateToLatest, openDatabase } from '../../src/db/connect.ts';
import { refreshStatistics } from '../../src/db/sql.ts';
import { TokenService } from '../../src/services/identity/tokens.ts';
import { fillCommerce, merchantIdsOf } from '../generate-commerce.ts';
import { type Case, cases, TIME_ZONE } from './bi-cases.ts';
import { startBenchServer } from './common.ts';
import { BENCH_SECRET } from './fixture.ts';

export interface BiBenchOptions {
  orders: number;
  merchants: number;
  /** Days of history the orders are spread over. */
  days: number;
  /** Measured requests per case (after 3 warm-up requests). */
  requests: number;
  /** Stop a case early after this many seconds (at least 10 requests). */
  caseSeconds: number;
  pgUrl?: string;
  sqlite: boolean;
  keep: boolean;
  /** Run the server with the report cache off (BI_CACHE_ENTRIES=0): every request computes. */
  noCache: boolean;
  /** Write the figures as JSON here. */
  json?: string;
}

interface Figure {
  dialect: DialectName;
  name: string;
  as: string;
  n: number;
  p50: number;
  p95: number;
  max: number;
  /** The first request of the case: computed, not cached (the report cache is empty for it). */
  cold: number;
}

const KEEP_SQLITE = join(tmpdir(), 'tracehub-bi-bench.db');
const KEEP_SCHEMA = 'bench_bi_keep';

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

async function timeCase(base: string, c: Case, token: string, o: BiBenchOptions) {
  const get = async () => {
    const t0 = performance.now();
    const res = await fetch(base + c.path, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.text();
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`${c.path} answered ${res.status}: ${body.slice(0, 300)}`);
    return ms;
  };
  const cold = await get();
  for (let i = 0; i < 2; i++) await get();
  const times: number[] = [];
  const until = performance.now() + o.caseSeconds * 1000;
  while (times.length < o.requests && (times.length < 10 || performance.now() < until)) times.push(await get());
  times.sort((x, y) => x - y);
  return { n: times.length, p50: pct(times, 50), p95: pct(times, 95), max: times[times.length - 1]!, cold };
}

/** A migrated database for a dialect: its URL for the server, and how to drop it. */
async function prepare(dialect: DialectName, o: BiBenchOptions) {
  if (dialect === 'sqlite') {
    const path = o.keep ? KEEP_SQLITE : join(mkdtempSync(join(tmpdir(), 'tracehub-bi-')), 'bi.db');
    return { url: path, schema: undefined, drop: async () => (o.keep ? undefined : rmSync(join(path, '..'), { recursive: true })) };
  }
  const schema = o.keep ? KEEP_SCHEMA : `bench_bi_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: o.pgUrl });
  await admin.connect();
  await admin.query(`create schema if not exists ${schema}`);
  await admin.end();
  const sep = o.pgUrl!.includes('?') ? '&' : '?';
  const url = `${o.pgUrl}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const drop = async () => {
    if (o.keep) return;
    const c = new pg.Client({ connectionString: o.pgUrl });
    await c.connect();
    await c.query(`drop schema if exists ${schema} cascade`);
    await c.end();
  };
  return { url, schema, drop };
}

async function countOrders(db: Db): Promise<number> {
  const r = await db.selectFrom('commerce_orders').select(sql<number>`count(*)`.as('n')).executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Users and 1-day tokens: an owner of the first merchant and a platform administrator. */
export async function tokensFor(db: Db, merchant: string) {
  const tokens = new TokenService({ JWT_SECRET: BENCH_SECRET, JWT_ISSUER: 'tracehub', JWT_AUDIENCE: 'tracehub-api' });
  const now = Date.now();
  const user = async (username: string, userType: 'factory' | 'platform', role: string, factoryId: string | null) => {
    const found = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
    const id =
      found?.id ??
      (
        await db
          .insertInto('users')
          .values({ user_type: userType, role, username, factory_id: factoryId, created_at: now, updated_at: now })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    return (await tokens.issue({ sub: String(id), role, family: 'bi', tep: 0, ...(factoryId ? { fid: factoryId } : {}) }, 86_400)).token;
  };
  return {
    merchant: await user('bench_merchant', 'factory', 'factory_super_admin', merchant),
    admin: await user('bench_padmin', 'platform', 'platform_admin', null),
  };
}

async function benchDialect(dialect: DialectName, o: BiBenchOptions, port: number): Promise<Figure[]> {
  const target = await prepare(dialect, o);
  const figures: Figure[] = [];
  try {
    const { db } = openDatabase(target.url);
    const merchantIds = merchantIdsOf(o.merchants, undefined);
    let generated: string;
    let tokens: { merchant: string; admin: string };
    try {
      const applied = await migrateToLatest(db, target.schema ? { schema: target.schema } : {});
      const have = await countOrders(db);
      if (o.keep && have >= o.orders) {
        // new indexes on kept data need statistics, as after generating
        if (applied.length) await refreshStatistics(dialect).execute(db);
        generated = `reused ${have} orders${applied.length ? `, applied ${applied.join(', ')} and analyzed` : ''}`;
      } else {
        if (have > 0) throw new Error(`${dialect} bench database holds ${have} orders, fewer than ${o.orders}: drop it first`);
        const r = await fillCommerce(db, { orders: o.orders, days: o.days, merchantIds, seed: 1, offline: true });
        const t0 = performance.now();
        await refreshStatistics(dialect).execute(db);
        generated = `generated ${r.orders} orders, ${r.items} items in ${r.seconds.toFixed(1)} s (${Math.round(r.orders / r.seconds)} orders/s), statistics ${((performance.now() - t0) / 1000).toFixed(1)} s`;
      }
      console.log(`[bi ${dialect}] ${generated}; ${merchantIds.length} merchants over ${o.days} days`);
      tokens = await tokensFor(db, merchantIds[0]!);
    } finally {
      await db.destroy();
    }
    // config goes on the command line: the bench server reads only BENCH_ENV and `--set`, so
    // BI_CACHE_ENTRIES=0 in its environment (as this suite passed it until now) left the cache on
    const set = [`TIME_ZONE=${TIME_ZONE}`, ...(o.noCache ? ['BI_CACHE_ENTRIES=0'] : [])];
    const server = await startBenchServer('full', target.url, port, set);
    try {
      const base = `http://127.0.0.1:${port}`;
      for (const c of cases(merchantIds[0]!, merchantIds[1] ?? merchantIds[0]!, Date.now())) {
        const f = await timeCase(base, c, tokens[c.as], o);
        figures.push({ dialect, name: c.name, as: c.as, ...f });
        console.log(
          `[bi ${dialect}] ${c.name.padEnd(40)} ${c.as.padEnd(8)} n=${String(f.n).padStart(3)}  p50 ${f.p50.toFixed(1).padStart(7)}  p95 ${f.p95.toFixed(1).padStart(7)}  max ${f.max.toFixed(1).padStart(7)}  cold ${f.cold.toFixed(1).padStart(7)} ms`,
        );
      }
    } finally {
      server.kill('SIGTERM');
    }
  } finally {
    await target.drop();
  }
  return figures;
}

/** Runs the BI bench on SQLite and, given a URL, Postgres; prints one table per dialect. */
export async function runBiBench(o: BiBenchOptions): Promise<Figure[]> {
  const dialects: DialectName[] = [...(o.sqlite ? (['sqlite'] as const) : []), ...(o.pgUrl ? (['postgres'] as const) : [])];
  const all: Figure[] = [];
  for (const [i, d] of dialects.entries()) all.push(...(await benchDialect(d, o, 39201 + i)));
  for (const d of dialects) {
    const rows = all.filter((f) => f.dialect === d);
    const base = rows[0]!.p50;
    console.log(
      `\nBI endpoints on ${d}: ${o.orders} orders, ${o.merchants} merchants, ${o.days} days; sequential requests; ms (×: p50 / baseline p50; cold: the first, uncached request)${o.noCache ? '; report cache off' : ''}; target p95 ≤ 50 ms`,
    );
    console.log(`${'endpoint'.padEnd(40)} ${'as'.padEnd(8)}    n      p50      p95      max     cold      ×`);
    for (const f of rows) {
      const flag = f.p95 > 50 ? '  > 50 ms' : '';
      console.log(
        `${f.name.padEnd(40)} ${f.as.padEnd(8)} ${String(f.n).padStart(4)} ${f.p50.toFixed(1).padStart(8)} ${f.p95.toFixed(1).padStart(8)} ${f.max.toFixed(1).padStart(8)} ${f.cold.toFixed(1).padStart(8)} ${(f.p50 / base).toFixed(1).padStart(6)}${flag}`,
      );
    }
  }
  if (o.json) writeFileSync(o.json, `${JSON.stringify(all, null, 2)}\n`);
  return all;
}
