import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/connect.ts';
import { AppError, type ErrorDetail } from '../../errors.ts';
import { DEFAULT_METAL_TYPE } from '../master-data/metal-prices.ts';
import { tenantRows } from '../master-data/tenant-crud.ts';
import { dec } from './decimal.ts';

/** The columns of the metal-price file, in order (spec 001 MetalPrice); the template's header row. */
export const PRICE_COLUMNS = ['metal_type', 'quote_date', 'high_price', 'low_price', 'average_price', 'price_change'] as const;
/** More rows than any sane import; beyond it the file is refused before validation. */
export const MAX_IMPORT_ROWS = 50_000;
/** How many row errors the report lists at most. */
const MAX_REPORTED = 50;

type Cell = string | number | Date | null | undefined;

interface PriceRow {
  metal_type: string;
  quote_date: string;
  high_price_cents: number | null;
  low_price_cents: number | null;
  average_price_cents: number;
  price_change_cents: number;
}

/** Reads the first sheet of an XLSX file, or a CSV file (cells kept as text), as rows of cells; the header row is dropped. */
async function readRows(data: Uint8Array, format: 'xlsx' | 'csv'): Promise<{ line: number; cells: Cell[] }[]> {
  const wb = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet | undefined;
  try {
    if (format === 'xlsx') {
      await wb.xlsx.load(Buffer.from(data) as unknown as ArrayBuffer);
      sheet = wb.worksheets[0];
    } else {
      sheet = await wb.csv.read(Readable.from(Buffer.from(data)), { map: (v: unknown) => v } as never);
    }
  } catch (cause) {
    throw new AppError('FILE_UPLOAD_ERROR', { zh: '无法读取文件，请使用模板', en: 'Unreadable file: use the template' }, [], { cause });
  }
  const rows: { line: number; cells: Cell[] }[] = [];
  sheet?.eachRow({ includeEmpty: false }, (row, line) => {
    if (line === 1) return;
    const values = (row.values as Cell[]).slice(1);
    const cells = values.map((v) =>
      v && typeof v === 'object' && !(v instanceof Date) && 'result' in v ? (v as { result: Cell }).result : v,
    );
    if (cells.some((c) => c !== null && c !== undefined && String(c).trim() !== '')) rows.push({ line, cells });
  });
  return rows;
}

const text = (c: Cell) => (c === null || c === undefined ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim());

function dateOf(c: Cell): string | null {
  const s = text(c);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s) ? s : null;
}

/** Yuan with at most two decimals → cents; undefined for an empty cell, null for a bad one. */
function centsOf(c: Cell): number | null | undefined {
  const s = text(c);
  if (s === '') return undefined;
  if (!/^-?\d+(\.\d{1,2})?$/.test(s)) return null;
  return dec(s).times(100).toNumber();
}

/** Validates one row; returns the row or its problems. */
function validate(line: number, cells: Cell[]): PriceRow | ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const bad = (column: string, message: string) =>
    errors.push({ field: `row ${line} ${column}`, message: `第 ${line} 行 ${column}: ${message}` });
  const metal = text(cells[0]) || DEFAULT_METAL_TYPE;
  if (metal.length > 50) bad('metal_type', '金属种类过长');
  const date = dateOf(cells[1]);
  if (!date) bad('quote_date', '日期须为 YYYY-MM-DD');
  const [high, low, avg, change] = [cells[2], cells[3], cells[4], cells[5]].map(centsOf);
  if (high === null) bad('high_price', '价格格式错误');
  if (low === null) bad('low_price', '价格格式错误');
  if (avg === null || avg === undefined) bad('average_price', '均价必填且为数字');
  if (change === null || change === undefined) bad('price_change', '涨跌必填且为数字');
  for (const [col, v] of [
    ['high_price', high],
    ['low_price', low],
    ['average_price', avg],
  ] as const) {
    if (typeof v === 'number' && v < 0) bad(col, '价格不能为负');
  }
  if (typeof avg === 'number' && typeof high === 'number' && high < avg) bad('high_price', '最高价不能低于均价');
  if (typeof avg === 'number' && typeof low === 'number' && low > avg) bad('low_price', '最低价不能高于均价');
  if (errors.length) return errors;
  return {
    metal_type: metal,
    quote_date: date!,
    high_price_cents: high ?? null,
    low_price_cents: low ?? null,
    average_price_cents: avg as number,
    price_change_cents: change as number,
  };
}

/**
 * `POST /api/metal-prices/import` (issue 15): reads an XLSX or CSV file laid out as the template
 * (PRICE_COLUMNS, yuan with ≤ 2 decimals, dates YYYY-MM-DD), validates every row (dates, numbers,
 * high ≥ average ≥ low, duplicates within the file and against stored quotes) and imports all of
 * it in one transaction, or nothing.
 * @returns `{imported}` rows.
 * @throws AppError VALIDATION_FAILED with one detail per bad row (`row N column`, up to 50),
 *   FILE_UPLOAD_ERROR (unreadable, empty or more than MAX_IMPORT_ROWS rows).
 */
export async function importMetalPrices(
  db: Db,
  factoryId: string,
  file: { data: Uint8Array; format: 'xlsx' | 'csv' },
): Promise<{ imported: number }> {
  const rows = await readRows(file.data, file.format);
  if (rows.length === 0) throw new AppError('FILE_UPLOAD_ERROR', { zh: '文件中没有数据行', en: 'No data rows' });
  if (rows.length > MAX_IMPORT_ROWS)
    throw new AppError('FILE_UPLOAD_ERROR', { zh: `一次最多导入 ${MAX_IMPORT_ROWS} 行`, en: `At most ${MAX_IMPORT_ROWS} rows` });
  const errors: ErrorDetail[] = [];
  const valid: PriceRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of rows) {
    const r = validate(line, cells);
    if (Array.isArray(r)) {
      errors.push(...r);
      continue;
    }
    const key = `${r.metal_type}|${r.quote_date}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ field: `row ${line} quote_date`, message: `第 ${line} 行 quote_date: 与第 ${first} 行重复` });
      continue;
    }
    seen.set(key, line);
    valid.push(r);
  }
  if (!errors.length) {
    const lines = new Map(valid.map((r, i) => [`${r.metal_type}|${r.quote_date}`, rows[i]!.line]));
    const dates = valid.map((r) => r.quote_date).sort();
    const stored = await tenantRows(db, 'metal_prices', factoryId)
      .select(['metal_type', 'quote_date'])
      .where('quote_date', '>=', dates[0]!)
      .where('quote_date', '<=', dates[dates.length - 1]!)
      .execute();
    for (const s of stored) {
      const line = lines.get(`${s.metal_type}|${s.quote_date}`);
      if (line !== undefined) errors.push({ field: `row ${line} quote_date`, message: `第 ${line} 行 quote_date: 该金属当日报价已存在` });
    }
  }
  if (errors.length) {
    const shown = errors.slice(0, MAX_REPORTED);
    throw new AppError(
      'VALIDATION_FAILED',
      { zh: `导入失败，${errors.length} 处错误，未导入任何数据`, en: `${errors.length} errors: nothing imported` },
      shown,
    );
  }
  const now = Date.now();
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < valid.length; i += 500) {
      const chunk = valid.slice(i, i + 500).map((r) => ({ ...r, factory_id: factoryId, created_at: now, updated_at: now }));
      await trx.insertInto('metal_prices').values(chunk).execute();
    }
  });
  return { imported: valid.length };
}
