/**
 * `npx tsx scripts/bench/metal-prices.ts [--rows 10000] [--export-rows 200000] [--pg URL]`:
 * issue 15's import/export benchmark. Times the import of `--rows` quotes from CSV and from XLSX
 * (target: under 5 s each), then streams exports of `--rows` and of `--export-rows` quotes and
 * prints the peak live heap growth of each (run with --expose-gc): in constant memory both peaks
 * are about the same.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { migrateToLatest, openDatabase } from '../../src/db/connect.ts';
import { exportMetalPrices } from '../../src/services/smelter/metal-price-export.ts';
import { importMetalPrices, PRICE_COLUMNS } from '../../src/services/smelter/metal-price-import.ts';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '10000' }, 'export-rows': { type: 'string', default: '200000' }, pg: { type: 'string' } },
});
const rows = Number(values.rows);
const exportRows = Number(values['export-rows']);
const FACTORY = 'BENCH';
const day = (i: number) => new Date(Date.UTC(1900, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
const row = (i: number, metal = '1#锌') =>
  [metal, day(i), 22000 + (i % 100), 21000 + (i % 100), 21500.25 + (i % 100), (i % 7) - 3] as const;

const { db } = openDatabase(values.pg ?? join(mkdtempSync(join(tmpdir(), 'tracehub-prices-')), 'bench.db'));
await migrateToLatest(db);
await db
  .insertInto('factories')
  .values({ id: FACTORY, name: 'bench', created_at: Date.now() })
  .onConflict((oc) => oc.doNothing())
  .execute();
const clear = () => db.deleteFrom('metal_prices').where('factory_id', '=', FACTORY).execute();
await clear();

const csv = Buffer.from([PRICE_COLUMNS.join(','), ...Array.from({ length: rows }, (_, i) => row(i).join(','))].join('\n'));
const wb = new ExcelJS.Workbook();
const ws = wb.addWorksheet('p');
ws.addRow([...PRICE_COLUMNS]);
for (let i = 0; i < rows; i++) ws.addRow([...row(i)]);
const xlsx = new Uint8Array(await wb.xlsx.writeBuffer());

for (const [format, data] of [
  ['csv', csv],
  ['xlsx', xlsx],
] as const) {
  const t0 = performance.now();
  const { imported } = await importMetalPrices(db, FACTORY, { data, format });
  const ms = performance.now() - t0;
  console.log(`import ${format}: ${imported} rows in ${ms.toFixed(0)} ms ${ms < 5000 ? '(< 5 s: ok)' : '(OVER 5 s)'}`);
  await clear();
}

async function measureExport(n: number, format: 'csv' | 'xlsx') {
  await clear();
  for (let i = 0; i < n; i += 1000) {
    const chunk = Array.from({ length: Math.min(1000, n - i) }, (_, k) => {
      const [metal_type, quote_date, high, low, avg, change] = row(i + k);
      return {
        factory_id: FACTORY,
        metal_type,
        quote_date,
        high_price_cents: high * 100,
        low_price_cents: low * 100,
        average_price_cents: Math.round(avg * 100),
        price_change_cents: change * 100,
        created_at: 0,
        updated_at: 0,
      };
    });
    await db.insertInto('metal_prices').values(chunk).execute();
  }
  global.gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = 0;
  let bytes = 0;
  const t0 = performance.now();
  let chunks = 0;
  for await (const chunk of exportMetalPrices(db, FACTORY, format, {}) as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    // the live heap (after a collection) every 20 chunks: garbage awaiting collection is not memory held
    if (++chunks % 20 === 0 && global.gc) {
      global.gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed - base);
    }
  }
  const mb = (b: number) => (b / 1048576).toFixed(1);
  console.log(
    `export ${format} of ${n} rows: ${mb(bytes)} MB in ${(performance.now() - t0).toFixed(0)} ms, peak live heap growth ${mb(peak)} MB`,
  );
}
for (const format of ['csv', 'xlsx'] as const) {
  await measureExport(rows, format);
  await measureExport(exportRows, format);
}
await clear();
await db.destroy();
