/**
 * The recall bench (issue 14 §5 "at 100k events the recall answers in under 1 s"): `POST
 * /v1/recalls` through the full HTTP stack (scripts/bench/server.ts in its own process) over
 * `--recall-events` (100,000) generated EPCIS events in four factories (scripts/bench/recall-data.ts)
 * and ERP order lines carrying some end lots, cycling through the raw lots of the first factory's
 * families 5–7 levels deep; the baseline of the same run is a plain batch read, `GET
 * /v1/traces/{id}` (token check plus a one-batch lookup, same stack). Sequential requests; prints
 * p50/p95 of each, the ratio, and whether the recall's p95 is under 1 s.
 *
 * SQLite always (a temporary file, unless `--no-sqlite`); Postgres when a URL is given (`--pg URL` or
 * TEST_DATABASE_URL): a fresh schema `bench_recall_<hex>`, dropped at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedErp } from '../../db/seed/erp.ts';
import { type Db, type DialectName, migrateToLatest, openDatabase } from '../../src/db/connect.ts';
import { refreshStatistics } from '../../src/db/sql.ts';
import { TokenService } from '../../src/services/identity/tokens.ts';
import { createTraceBatch } from '../../src/services/traces/batch-writes.ts';
import { addTraceLog } from '../../src/services/traces/logs.ts';
import { freePort, pct, pgSchema, startBenchServer } from './common.ts';
import { BENCH_SECRET } from './fixture.ts';
import { generateRecallData, insertRecallData, shipLots } from './recall-data.ts';

export interface RecallBenchOptions {
  events: number;
  /** Measured recalls (after 3 warm-up ones); the baseline takes three times as many reads. */
  requests: number;
  sqlite: boolean;
  pgUrl?: string;
}

const FACTORIES = ['RB0', 'RB1', 'RB2', 'RB3'];
const TARGET_MS = 1000;

interface Fixture {
  token: string;
  batchId: string;
  roots: string[];
  note: string;
}

/** Factories, a v1 operator of the first (its 1-day token), ERP orders, the events, a batch to read. */
async function fill(db: Db, dialect: DialectName, o: RecallBenchOptions): Promise<Fixture> {
  const now = Date.now();
  await db
    .insertInto('factories')
    .values(FACTORIES.map((id, i) => ({ id, name: `Bench factory ${i}`, created_at: now })))
    .execute();
  const user = await db
    .insertInto('users')
    .values({
      user_type: 'factory',
      role: 'operator',
      username: 'bench_recall',
      factory_id: FACTORIES[0],
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const tokens = new TokenService({ JWT_SECRET: BENCH_SECRET, JWT_ISSUER: 'tracehub', JWT_AUDIENCE: 'tracehub-api' });
  const claims = { sub: String(user.id), role: 'operator', family: 'v1' as const, tep: 0, fid: FACTORIES[0] };
  const token = (await tokens.issue(claims, 86_400)).token;
  const companies = Array.from({ length: 20 }, (_, i) => ({
    company_id: `RC${String(i).padStart(3, '0')}`,
    company_name: `客户${i}`,
    customer_id: `RCU${i}`,
    invite_code: `RINV${i}`,
  }));
  await seedErp(db, { companies, ordersPerCompany: 100, seed: 14 });

  let t0 = performance.now();
  const data = generateRecallData(FACTORIES, o.events);
  const generated = (performance.now() - t0) / 1000;
  const inserted = await insertRecallData(db, data);
  const shipped = await shipLots(db, data.endLots);
  const batch = await createTraceBatch(
    db,
    FACTORIES[0] as string,
    {
      name: 'Bench batch',
      productId: 'apple-01',
      quantity: 1000,
      unitWeight: 0.2,
      harvestDate: '2026-05-15T08:00:00Z',
      farmId: 'farm-1',
    } as Parameters<typeof createTraceBatch>[2],
  );
  for (const eventType of ['harvest', 'processing', 'shipping'] as const)
    await addTraceLog(db, FACTORIES[0] as string, batch.id, { eventType, location: 'Plant 1' });
  t0 = performance.now();
  await refreshStatistics(dialect).execute(db);
  const roots = data.deepRoots.get(FACTORIES[0] as string) ?? [];
  return {
    token,
    batchId: batch.id,
    roots,
    note: `${data.events.length} events (${data.transformations} transformations, ${data.endLots.length} end lots, ${shipped} on ERP lines) generated in ${generated.toFixed(1)} s, stored in ${inserted.toFixed(1)} s, statistics ${((performance.now() - t0) / 1000).toFixed(1)} s; ${roots.length} recall targets`,
  };
}

/** Times `n` sequential requests (after 3 warm-up ones); @returns sorted ms and the last body. */
async function timeRequests(n: number, send: (i: number) => Promise<Response>): Promise<{ ms: number[]; last: any }> {
  let last: any;
  const ms: number[] = [];
  for (let i = -3; i < n; i++) {
    const t0 = performance.now();
    const res = await send(i + 3);
    const text = await res.text();
    const took = performance.now() - t0;
    if (!res.ok) throw new Error(`${res.url} answered ${res.status}: ${text.slice(0, 300)}`);
    if (i >= 0) ms.push(took);
    last = JSON.parse(text);
  }
  return { ms: ms.sort((a, b) => a - b), last };
}

async function benchDialect(dialect: DialectName, o: RecallBenchOptions) {
  const target =
    dialect === 'sqlite'
      ? (() => {
          const dir = mkdtempSync(join(tmpdir(), 'tracehub-recall-'));
          return { url: join(dir, 'recall.db'), schema: undefined, drop: async () => rmSync(dir, { recursive: true }) };
        })()
      : await pgSchema(o.pgUrl as string, 'bench_recall');
  try {
    const { db } = openDatabase(target.url);
    let f: Fixture;
    try {
      await migrateToLatest(db, target.schema ? { schema: target.schema } : {});
      f = await fill(db, dialect, o);
    } finally {
      await db.destroy();
    }
    console.log(`[recall ${dialect}] ${f.note}`);
    if (f.roots.length === 0) throw new Error('no family 5+ levels deep: raise --recall-events');
    const port = await freePort();
    const server = await startBenchServer('full', target.url, port);
    try {
      const base = `http://127.0.0.1:${port}`;
      const headers = { authorization: `Bearer ${f.token}`, 'content-type': 'application/json' };
      const read = await timeRequests(o.requests * 3, () => fetch(`${base}/v1/traces/${f.batchId}`, { headers }));
      const recall = await timeRequests(o.requests, (i) =>
        fetch(`${base}/v1/recalls`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ lot: f.roots[i % f.roots.length], reason: 'bench: Listeria' }),
        }),
      );
      const sizes = `last answer: ${recall.last.data.affectedLots.length} lots (deepest ${Math.max(...recall.last.data.affectedLots.map((l: { depth: number }) => l.depth))}), ${recall.last.data.companies.length} companies, ${recall.last.data.fsma204.length} FSMA 204 rows`;
      return { dialect, read: read.ms, recall: recall.ms, sizes };
    } finally {
      server.kill('SIGTERM');
    }
  } finally {
    await target.drop();
  }
}

/** Runs the recall bench on SQLite and, given a URL, Postgres; prints one line per dialect. */
export async function runRecallBench(o: RecallBenchOptions): Promise<void> {
  const dialects: DialectName[] = [...(o.sqlite ? (['sqlite'] as const) : []), ...(o.pgUrl ? (['postgres'] as const) : [])];
  const results = [];
  for (const d of dialects) results.push(await benchDialect(d, o));
  console.log(
    `\nRecall at ${o.events} EPCIS events: POST /v1/recalls vs GET /v1/traces/{id}, sequential; ms; target recall p95 < ${TARGET_MS} ms`,
  );
  console.log(
    `${'dialect'.padEnd(9)} ${'read p50'.padStart(9)} ${'read p95'.padStart(9)} ${'recall p50'.padStart(11)} ${'recall p95'.padStart(11)} ${'× p50'.padStart(7)} ${'× p95'.padStart(7)}  target`,
  );
  for (const r of results) {
    const [rp50, rp95, cp50, cp95] = [pct(r.read, 50), pct(r.read, 95), pct(r.recall, 50), pct(r.recall, 95)];
    console.log(
      `${r.dialect.padEnd(9)} ${rp50.toFixed(1).padStart(9)} ${rp95.toFixed(1).padStart(9)} ${cp50.toFixed(1).padStart(11)} ${cp95.toFixed(1).padStart(11)} ${(cp50 / rp50).toFixed(1).padStart(7)} ${(cp95 / rp95).toFixed(1).padStart(7)}  ${cp95 < TARGET_MS ? 'met' : 'MISSED'} (n=${r.recall.length}/${r.read.length}; ${r.sizes})`,
    );
  }
}
