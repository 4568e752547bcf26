/**
 * `npm run bench` runs two suites (`--suite mini|bi|all`, default all).
 *
 * mini: GET /api/orders/search through the full stack (Hono → trpc-to-openapi → tRPC
 * middlewares → zod → service → Kysely → SQLite, cache off) against a bare Hono route doing
 * the same queries, in the same run, interleaved rounds; prints req/s, p99 and the ratio.
 * Also the full stack with its 30 s search cache on, as mini-program users see it.
 * Flags: --duration S (default 10), --rounds N (default 3), --connections N (default 50),
 * --orders N per company (default 2000).
 *
 * bi: every BI endpoint over generated commerce orders on SQLite and, when `--pg URL` or
 * TEST_DATABASE_URL is given, on Postgres (scripts/bench/bi.ts). Flags: --bi-orders N (default
 * 1000000), --bi-merchants N (10), --bi-days D (365), --bi-requests N per endpoint (100),
 * --bi-case-seconds S (20), --pg URL, --no-sqlite, --bi-keep, --bi-json FILE.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { migrateToLatest, openDatabase } from '../../src/db/connect.ts';
import { runBiBench } from './bi.ts';
import { buildFixture } from './fixture.ts';

const { values } = parseArgs({
  options: {
    suite: { type: 'string', default: 'all' },
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    orders: { type: 'string', default: '2000' },
    'bi-orders': { type: 'string', default: '1000000' },
    'bi-merchants': { type: 'string', default: '10' },
    'bi-days': { type: 'string', default: '365' },
    'bi-requests': { type: 'string', default: '100' },
    'bi-case-seconds': { type: 'string', default: '20' },
    pg: { type: 'string' },
    'no-sqlite': { type: 'boolean', default: false },
    'bi-keep': { type: 'boolean', default: false },
    'bi-json': { type: 'string' },
  },
});
if (!['mini', 'bi', 'all'].includes(values.suite)) {
  console.error('--suite must be mini, bi or all');
  process.exit(2);
}

async function runMini() {
  const duration = Number(values.duration);
  const rounds = Number(values.rounds);
  const connections = Number(values.connections);

  const dir = mkdtempSync(join(tmpdir(), 'tracehub-bench-'));
  const dbPath = join(dir, 'bench.db');
  const { db } = openDatabase(dbPath);
  await migrateToLatest(db);
  const token = await buildFixture(db, Number(values.orders));
  await db.destroy();

  interface Target {
    name: string;
    mode: 'full' | 'bare';
    cache: string;
    port: number;
  }
  const targets: Target[] = [
    { name: 'bare Hono + prepared statements (baseline)', mode: 'bare', cache: '0', port: 39101 },
    { name: 'full stack, cache off', mode: 'full', cache: '0', port: 39102 },
    { name: 'full stack, 30 s search cache', mode: 'full', cache: '30000', port: 39103 },
  ];

  function start(t: Target): Promise<ChildProcess> {
    return new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'scripts/bench/server.ts', '--mode', t.mode, '--db', dbPath, '--port', String(t.port), '--cache', t.cache],
        {
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      child.stderr?.on('data', (d: Buffer) => {
        if (d.toString().includes('ready')) resolve(child);
      });
      child.once('exit', (code) => reject(new Error(`${t.name} exited with ${code}`)));
      if (t.mode === 'bare') setTimeout(() => resolve(child), 1500);
    });
  }

  function load(port: number, seconds: number): Promise<autocannon.Result> {
    return autocannon({
      url: `http://127.0.0.1:${port}/api/orders/search?page=1&pageSize=20`,
      headers: { authorization: `Bearer ${token}` },
      connections,
      duration: seconds,
    });
  }

  const results = new Map<string, { rps: number[]; p99: number[]; non2xx: number }>();
  const children = await Promise.all(targets.map(start));
  try {
    for (const t of targets) await load(t.port, 3); // warm-up
    for (let r = 0; r < rounds; r++) {
      for (const t of r % 2 ? [...targets].reverse() : targets) {
        const res = await load(t.port, duration);
        const entry = results.get(t.name) ?? { rps: [], p99: [], non2xx: 0 };
        entry.rps.push(res.requests.average);
        entry.p99.push(res.latency.p99);
        entry.non2xx += res.non2xx + res.errors;
        results.set(t.name, entry);
        console.log(`round ${r + 1}  ${t.name.padEnd(44)} ${res.requests.average.toFixed(0).padStart(6)} req/s  p99 ${res.latency.p99} ms`);
      }
    }
  } finally {
    for (const c of children) c.kill('SIGTERM');
  }

  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const base = mean(results.get(targets[0]!.name)!.rps);
  console.log(`\nGET /api/orders/search, ${connections} connections, ${rounds} × ${duration} s, SQLite, ${values.orders} orders/company`);
  for (const t of targets) {
    const e = results.get(t.name)!;
    console.log(
      `${t.name.padEnd(44)} ${mean(e.rps).toFixed(0).padStart(6)} req/s  p99 ${mean(e.p99).toFixed(1).padStart(6)} ms  ratio ${(mean(e.rps) / base).toFixed(2)}×  non-2xx ${e.non2xx}`,
    );
  }
}

if (values.suite !== 'bi') await runMini();
if (values.suite !== 'mini') {
  if (values.suite === 'all') console.log('');
  const pgUrl = values.pg ?? process.env.TEST_DATABASE_URL;
  await runBiBench({
    orders: Number(values['bi-orders']),
    merchants: Number(values['bi-merchants']),
    days: Number(values['bi-days']),
    requests: Number(values['bi-requests']),
    caseSeconds: Number(values['bi-case-seconds']),
    sqlite: !values['no-sqlite'],
    keep: values['bi-keep'],
    ...(pgUrl ? { pgUrl } : {}),
    ...(values['bi-json'] ? { json: values['bi-json'] } : {}),
  });
}
