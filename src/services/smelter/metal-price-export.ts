import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { DEFAULT_METAL_TYPE, quotesMatching } from '../master-data/metal-prices.ts';
import { tenantRows } from '../master-data/tenant-crud.ts';
import { fromCents } from './decimal.ts';
import { PRICE_COLUMNS } from './metal-price-import.ts';

export type PriceFileFormat = 'xlsx' | 'csv';
export const PRICE_FILE_TYPES: Record<PriceFileFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export interface PriceExportQuery {
  metal_type?: string | undefined;
  start_date?: string | undefined;
  end_date?: string | undefined;
}

type Row = (string | number | null)[];
const PAGE = 1000;
const yuan = (cents: number | null) => (cents === null ? null : fromCents(cents).toNumber());

/** The filtered quotes, oldest first, one page of PAGE rows at a time (keyset on date and id): memory stays flat. */
async function* pages(db: Db, factoryId: string, q: PriceExportQuery): AsyncGenerator<Row[]> {
  let after: { quote_date: string; id: number } | null = null;
  for (;;) {
    let sel = quotesMatching(tenantRows(db, 'metal_prices', factoryId), q).selectAll();
    const cursor: { quote_date: string; id: number } | null = after;
    if (cursor) {
      sel = sel.where((eb) =>
        eb.or([eb('quote_date', '>', cursor.quote_date), eb.and([eb('quote_date', '=', cursor.quote_date), eb('id', '>', cursor.id)])]),
      );
    }
    const rows = await sel.orderBy('quote_date').orderBy('id').limit(PAGE).execute();
    if (rows.length === 0) return;
    yield rows.map((r) => [
      r.metal_type,
      r.quote_date,
      yuan(r.high_price_cents),
      yuan(r.low_price_cents),
      yuan(r.average_price_cents),
      yuan(r.price_change_cents),
    ]);
    const last = rows[rows.length - 1]!;
    after = { quote_date: last.quote_date, id: last.id };
  }
}

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
const csvField = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csvLine = (row: Row) => `${row.map(csvField).join(',')}\r\n`;

/** Writes header and rows as an XLSX (exceljs's streaming writer: rows are committed, never held) or a CSV with a UTF-8 BOM for Excel. */
function spreadsheet(format: PriceFileFormat, rows: AsyncIterable<Row[]>): ReadableStream<Uint8Array> {
  if (format === 'csv') {
    async function* csv() {
      yield Buffer.from(`\uFEFF${csvLine([...PRICE_COLUMNS])}`);
      for await (const page of rows) yield Buffer.from(page.map(csvLine).join(''));
    }
    return Readable.toWeb(Readable.from(csv())) as ReadableStream<Uint8Array>;
  }
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('metal_prices');
  void (async () => {
    ws.addRow([...PRICE_COLUMNS]).commit();
    for await (const page of rows) {
      for (const r of page) ws.addRow(r).commit();
      // backpressure: wait for the reader before fetching the next page
      if (out.writableNeedDrain) await once(out, 'drain');
    }
    ws.commit();
    await wb.commit();
  })().catch((err) => out.destroy(err as Error));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

/**
 * `GET /api/metal-prices/export` (issue 15): the factory's quotes filtered as spec 001's list
 * (metal type, inclusive dates), oldest first, as XLSX or CSV in the template's columns, streamed
 * page by page so memory does not grow with the number of rows.
 * @throws AppError VALIDATION_FAILED when start_date is after end_date.
 */
export function exportMetalPrices(db: Db, factoryId: string, format: PriceFileFormat, q: PriceExportQuery): ReadableStream<Uint8Array> {
  if (q.start_date && q.end_date && q.start_date > q.end_date) {
    throw new AppError('VALIDATION_FAILED', '开始日期不能晚于结束日期', [{ field: 'start_date', message: 'after end_date' }]);
  }
  return spreadsheet(format, pages(db, factoryId, q));
}

/** `GET /api/metal-prices/template`: the import file's header and one example row. */
export function priceTemplate(format: PriceFileFormat): ReadableStream<Uint8Array> {
  async function* example() {
    yield [[DEFAULT_METAL_TYPE, '2024-01-15', 22500, 22200, 22350, 150]] as Row[];
  }
  return spreadsheet(format, example());
}
