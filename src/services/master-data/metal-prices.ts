import type { Selectable } from 'kysely';
import type { MetalPricesTable } from '../../../db/database.ts';
import type { Db } from '../../db/connect.ts';
import { countAll } from '../../db/sql.ts';
import { AppError, notFound } from '../../errors.ts';
import { defined, isoSeconds, uniqueOr409 } from './common.ts';

export const DEFAULT_METAL_TYPE = '1#锌';
/** Largest page spec 001's `per_page` may ask for; larger values are clamped, as Flask's paginate does. */
export const MAX_PER_PAGE = 100;

/** A quote as written: prices in yuan per tonne with at most two decimals. */
export interface MetalPriceWrite {
  metal_type?: string | undefined;
  /** YYYY-MM-DD */
  quote_date: string;
  high_price?: number | null | undefined;
  low_price?: number | null | undefined;
  average_price: number;
  price_change: number;
}

export interface MetalPrice {
  id: number;
  metal_type: string;
  quote_date: string;
  high_price: number | null;
  low_price: number | null;
  average_price: number;
  price_change: number;
  created_at: string;
  updated_at: string;
}

const toCents = (yuan: number) => Math.round(yuan * 100);
const toCentsOrNull = (yuan: number | null | undefined) => (yuan === null || yuan === undefined ? yuan : toCents(yuan));
const fromCents = (cents: number) => cents / 100;

function toMetalPrice(r: Selectable<MetalPricesTable>): MetalPrice {
  return {
    id: r.id,
    metal_type: r.metal_type,
    quote_date: r.quote_date,
    high_price: r.high_price_cents === null ? null : fromCents(r.high_price_cents),
    low_price: r.low_price_cents === null ? null : fromCents(r.low_price_cents),
    average_price: fromCents(r.average_price_cents),
    price_change: fromCents(r.price_change_cents),
    created_at: isoSeconds(r.created_at),
    updated_at: isoSeconds(r.updated_at),
  };
}

export interface MetalPriceQuery {
  metal_type?: string | undefined;
  start_date?: string | undefined;
  end_date?: string | undefined;
  page: number;
  per_page: number;
}

/**
 * Spec 001 `GET /api/metal-prices`: quotes newest first, filtered by metal type and an inclusive
 * date range, paged. `per_page` above MAX_PER_PAGE is clamped; a page past the last is empty.
 * @returns `{prices, total, pages, current_page}`; `pages` is 0 when nothing matches.
 * @throws AppError VALIDATION_FAILED when start_date is after end_date.
 */
export async function listMetalPrices(
  db: Db,
  factoryId: string,
  query: MetalPriceQuery,
): Promise<{ prices: MetalPrice[]; total: number; pages: number; current_page: number }> {
  if (query.start_date && query.end_date && query.start_date > query.end_date) {
    throw new AppError('VALIDATION_FAILED', '开始日期不能晚于结束日期', [{ field: 'start_date', message: 'after end_date' }]);
  }
  const perPage = Math.min(query.per_page, MAX_PER_PAGE);
  let base = db.selectFrom('metal_prices').where('factory_id', '=', factoryId);
  if (query.metal_type) base = base.where('metal_type', '=', query.metal_type);
  if (query.start_date) base = base.where('quote_date', '>=', query.start_date);
  if (query.end_date) base = base.where('quote_date', '<=', query.end_date);
  const { total } = await base.select(countAll.as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll()
    .orderBy('quote_date', 'desc')
    .orderBy('id', 'desc')
    .limit(perPage)
    .offset((query.page - 1) * perPage)
    .execute();
  return { prices: rows.map(toMetalPrice), total: Number(total), pages: Math.ceil(Number(total) / perPage), current_page: query.page };
}

async function findPrice(db: Db, factoryId: string, id: number) {
  const row = await db.selectFrom('metal_prices').selectAll().where('id', '=', id).where('factory_id', '=', factoryId).executeTakeFirst();
  if (!row) throw notFound('Metal price', id);
  return row;
}

/** @throws AppError NOT_FOUND, also for another factory's quote. */
export async function getMetalPrice(db: Db, factoryId: string, id: number): Promise<MetalPrice> {
  return toMetalPrice(await findPrice(db, factoryId, id));
}

const DUPLICATE = '该金属当日报价已存在';

function toColumns(input: Partial<MetalPriceWrite>) {
  return defined({
    metal_type: input.metal_type,
    quote_date: input.quote_date,
    high_price_cents: toCentsOrNull(input.high_price),
    low_price_cents: toCentsOrNull(input.low_price),
    average_price_cents: input.average_price === undefined ? undefined : toCents(input.average_price),
    price_change_cents: input.price_change === undefined ? undefined : toCents(input.price_change),
  });
}

/**
 * Records one day's quote of a metal.
 * @throws AppError DUPLICATE_RESOURCE (a quote for that metal and day exists).
 */
export async function createMetalPrice(db: Db, factoryId: string, input: MetalPriceWrite): Promise<MetalPrice> {
  const now = Date.now();
  const row = await uniqueOr409(
    () =>
      db
        .insertInto('metal_prices')
        .values({
          ...toColumns(input),
          metal_type: input.metal_type ?? DEFAULT_METAL_TYPE,
          quote_date: input.quote_date,
          average_price_cents: toCents(input.average_price),
          price_change_cents: toCents(input.price_change),
          factory_id: factoryId,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    DUPLICATE,
    'quote_date',
  );
  return toMetalPrice(row);
}

/** @throws AppError NOT_FOUND, DUPLICATE_RESOURCE. */
export async function updateMetalPrice(db: Db, factoryId: string, id: number, input: Partial<MetalPriceWrite>): Promise<MetalPrice> {
  await findPrice(db, factoryId, id);
  const row = await uniqueOr409(
    () =>
      db
        .updateTable('metal_prices')
        .set({ ...toColumns(input), updated_at: Date.now() })
        .where('id', '=', id)
        .where('factory_id', '=', factoryId)
        .returningAll()
        .executeTakeFirstOrThrow(),
    DUPLICATE,
    'quote_date',
  );
  return toMetalPrice(row);
}

/** @throws AppError NOT_FOUND. */
export async function deleteMetalPrice(db: Db, factoryId: string, id: number): Promise<void> {
  await findPrice(db, factoryId, id);
  await db.deleteFrom('metal_prices').where('id', '=', id).where('factory_id', '=', factoryId).execute();
}
