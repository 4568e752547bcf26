/**
 * Fills the commerce tables for BI benchmarks (spec 004):
 *   npx tsx scripts/generate-commerce.ts --orders 100000 [--merchants 5] [--merchant TEST_2024_001] [--days 180] [--seed 1] [--offline]
 * Uses DATABASE_URL like the server; migrates first. `--merchants N` creates merchants GEN_001…;
 * `--merchant ID` (repeatable) uses existing ones; default: the demo factory, created if missing.
 * `--offline` (SQLite, no server running on the file): load with a rollback journal, not WAL.
 * A progress bar (cli-progress) is drawn on stderr when stderr is a terminal; the summary line
 * goes to stdout. `fillCommerce` is the same work as a function (scripts/bench/bi.ts uses it).
 */
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { sql } from 'kysely';
import { isPostgres } from '../db/migrations/helpers.ts';
import { withBulkRollups } from '../db/seed/bulk-rollups.ts';
import { generateCommerce } from '../db/seed/commerce.ts';
import { DEMO_FACTORY_ID } from '../db/seed/demo.ts';
import { prng } from '../db/seed/util.ts';
import { loadConfig } from '../src/config.ts';
import { type Db, migrateToLatest, openDatabase } from '../src/db/connect.ts';

export interface FillOptions {
  orders: number;
  /** Orders are spread over the `days` days before `now`. */
  days: number;
  /** Merchants (factory ids); created when missing. */
  merchantIds: string[];
  seed?: number;
  now?: number;
  /** Rows per INSERT statement (default: the generator's). */
  batchSize?: number;
  /** Draw a progress bar on stderr (only when stderr is a terminal). Default true. */
  progress?: boolean;
  /**
   * SQLite: nothing else reads the file during the load (a benchmark's own file, a server that is
   * not running), so the load may run with a rollback journal instead of WAL (faster once it
   * outgrows the page cache; see `rollbackJournal`), under which readers would wait for its commit.
   * Default false: WAL, readers see the last commit throughout.
   */
  offline?: boolean;
}

/**
 * Creates the merchants if missing, then generates `orders` orders (with items, products,
 * transfers, subscriptions) in one transaction on a migrated database; the BI rollups are added
 * set-based after the load with the rollup triggers off (db/seed/bulk-rollups.ts: on Postgres the
 * commerce tables are locked against other writers until commit).
 * @returns the generator's row counts and the wall time in seconds.
 */
export async function fillCommerce(db: Db, o: FillOptions) {
  const now = o.now ?? Date.now();
  for (const id of o.merchantIds) {
    await db
      .insertInto('factories')
      .values({ id, name: `商户 ${id}`, created_at: now })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
  const bar =
    o.progress !== false
      ? new cliProgress.SingleBar(
          {
            stream: process.stderr,
            format: 'orders [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}',
            hideCursor: true,
            etaBuffer: 50,
          },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
  // a big load updates indexes keyed by customer all over the file: a page cache of up to 2 GiB
  // for this connection keeps them in memory (SQLite's default is 2 MiB)
  if (!isPostgres(db)) await sql`pragma cache_size = -2097152`.execute(db);
  const journal = o.offline && !isPostgres(db) ? await rollbackJournal(db) : undefined;
  const started = performance.now();
  bar?.start(o.orders, 0, { rate: 0 });
  try {
    const result = await db.transaction().execute((trx) =>
      withBulkRollups(trx, o.merchantIds, o.orders, () =>
        generateCommerce(trx, {
          merchantIds: o.merchantIds,
          orders: o.orders,
          days: o.days,
          now,
          rand: prng(o.seed ?? now),
          runId: randomBytes(3).toString('hex'),
          ...(o.batchSize ? { batchSize: o.batchSize } : {}),
          onProgress: (done) => bar?.update(done, { rate: Math.round(done / Math.max(0.001, (performance.now() - started) / 1000)) }),
        }),
      ),
    );
    return { ...result, seconds: (performance.now() - started) / 1000 };
  } finally {
    bar?.stop();
    if (journal === 'delete') await sql`pragma journal_mode = wal`.execute(db);
  }
}

/**
 * SQLite: leaves WAL for a rollback journal for an offline load. Once the load outgrows the page
 * cache, WAL writes every new page twice (spilled to the log, then copied into the file by the
 * checkpoint); a rollback journal saves only the pages that existed before, none for pages the
 * load appends (3M orders: 148 s vs 180 s with WAL, same run; at 1M, which fits the cache, 46.9 s
 * vs 50.7 s). The server's setting, WAL, is restored after the load (and by openDatabase on the
 * next open if the process dies first; the journal is rolled back then).
 * @returns the journal mode the load runs in: `delete`, or what the file keeps when SQLite refuses
 *   the change (another connection inside a transaction); never throws.
 */
async function rollbackJournal(db: Db): Promise<string> {
  try {
    const r = await sql<{ journal_mode: string }>`pragma journal_mode = delete`.execute(db);
    return r.rows[0]?.journal_mode ?? 'unknown';
  } catch {
    return 'unchanged';
  }
}

/** Merchant ids from the CLI flags: GEN_001… for `--merchants N`, else `--merchant` ids, else the demo factory. */
export function merchantIdsOf(count: number | undefined, ids: string[] | undefined): string[] {
  if (count) return Array.from({ length: count }, (_, i) => `GEN_${String(i + 1).padStart(3, '0')}`);
  return ids?.length ? ids : [DEMO_FACTORY_ID];
}

async function main() {
  const { values } = parseArgs({
    options: {
      orders: { type: 'string', default: '10000' },
      merchants: { type: 'string' },
      merchant: { type: 'string', multiple: true },
      days: { type: 'string', default: '180' },
      seed: { type: 'string' },
      offline: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log('usage: generate-commerce --orders N [--merchants N | --merchant ID ...] [--days D] [--seed S] [--offline]');
    return;
  }
  const orders = Number(values.orders);
  const days = Number(values.days);
  if (!Number.isSafeInteger(orders) || orders < 1 || !Number.isSafeInteger(days) || days < 1) {
    console.error('--orders and --days must be positive integers');
    process.exitCode = 2;
    return;
  }
  const config = loadConfig(process.env);
  const { db, dialect } = openDatabase(config.DATABASE_URL);
  try {
    await migrateToLatest(db);
    const merchantIds = merchantIdsOf(values.merchants ? Number(values.merchants) : undefined, values.merchant);
    const r = await fillCommerce(db, {
      orders,
      days,
      merchantIds,
      offline: values.offline,
      ...(values.seed ? { seed: Number(values.seed) } : {}),
    });
    console.log(
      `${dialect}: ${r.orders} orders, ${r.items} items, ${r.products} products, ${r.transfers} transfers for ${merchantIds.join(', ')} in ${r.seconds.toFixed(1)} s (${Math.round(r.orders / r.seconds)} orders/s)`,
    );
  } finally {
    await db.destroy();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
