/**
 * Fills the commerce tables for BI benchmarks (spec 004):
 *   npx tsx scripts/generate-commerce.ts --orders 100000 [--merchants 5] [--merchant TEST_2024_001] [--days 180] [--seed 1]
 * Uses DATABASE_URL like the server; migrates first. `--merchants N` creates merchants GEN_001…;
 * `--merchant ID` (repeatable) uses existing ones; default: the demo factory, created if missing.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { generateCommerce } from '../db/seed/commerce.ts';
import { DEMO_FACTORY_ID, prng } from '../db/seed/demo.ts';
import { loadConfig } from '../src/config.ts';
import { migrateToLatest, openDatabase } from '../src/db/connect.ts';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '10000' },
    merchants: { type: 'string' },
    merchant: { type: 'string', multiple: true },
    days: { type: 'string', default: '180' },
    seed: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log('usage: generate-commerce --orders N [--merchants N | --merchant ID ...] [--days D] [--seed S]');
  process.exit(0);
}
const orders = Number(values.orders);
const days = Number(values.days);
if (!Number.isSafeInteger(orders) || orders < 1 || !Number.isSafeInteger(days) || days < 1) {
  console.error('--orders and --days must be positive integers');
  process.exit(2);
}

const config = loadConfig(process.env);
const { db, dialect } = openDatabase(config.DATABASE_URL);
await migrateToLatest(db);

const now = Date.now();
let merchantIds = values.merchant ?? [];
if (values.merchants) merchantIds = Array.from({ length: Number(values.merchants) }, (_, i) => `GEN_${String(i + 1).padStart(3, '0')}`);
if (merchantIds.length === 0) merchantIds = [DEMO_FACTORY_ID];
for (const id of merchantIds) {
  await db
    .insertInto('factories')
    .values({ id, name: `商户 ${id}`, created_at: now })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** A one-line progress bar on stderr (redrawn in place on a terminal). */
function progress(done: number, total: number, started: number) {
  const width = 30;
  const filled = Math.round((done / total) * width);
  const rate = Math.round(done / Math.max(0.001, (performance.now() - started) / 1000));
  const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} orders  ${rate}/s`;
  if (process.stderr.isTTY) process.stderr.write(`\r${line}`);
  else if (done === total || done % (total >= 100_000 ? 50_000 : 5_000) < 500) process.stderr.write(`${line}\n`);
}

const started = performance.now();
const runId = randomBytes(3).toString('hex');
const result = await db.transaction().execute((trx) =>
  generateCommerce(trx, {
    merchantIds,
    orders,
    days,
    now,
    rand: prng(values.seed ? Number(values.seed) : now),
    runId,
    onProgress: (d, t) => progress(d, t, started),
  }),
);
if (process.stderr.isTTY) process.stderr.write('\n');
const seconds = (performance.now() - started) / 1000;
console.log(
  `${dialect}: ${result.orders} orders, ${result.items} items, ${result.products} products, ${result.transfers} transfers for ${merchantIds.join(', ')} in ${seconds.toFixed(1)} s (${Math.round(result.orders / seconds)} orders/s)`,
);
await db.destroy();
