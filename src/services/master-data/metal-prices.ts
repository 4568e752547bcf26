import { checkDateRange, defined, isoSeconds, type Page, paginate } from './common.ts';
import { defineTenantCrud, type Row, type TenantSelect } from './tenant-crud.ts';

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

const toCents = (yuan: number | null | undefined) => (yuan === null || yuan === undefined ? yuan : Math.round(yuan * 100));
const fromCents = (cents: number) => cents / 100;

function toMetalPrice(r: Row<'metal_prices'>): MetalPrice {
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

/** The quotes of a metal type (all when absent) within an inclusive `YYYY-MM-DD` range (open ends when absent). */
export function quotesMatching(
  rows: TenantSelect<'metal_prices'>,
  q: { metal_type?: string | undefined; start_date?: string | undefined; end_date?: string | undefined },
) {
  let matching = rows;
  if (q.metal_type) matching = matching.where('metal_type', '=', q.metal_type);
  if (q.start_date) matching = matching.where('quote_date', '>=', q.start_date);
  if (q.end_date) matching = matching.where('quote_date', '<=', q.end_date);
  return matching;
}

export type MetalPricePage = Omit<Page<MetalPrice>, 'rows'> & { prices: MetalPrice[] };

/**
 * Spec 001 `/api/metal-prices`: one quote a metal a day (409 DUPLICATE_RESOURCE `quote_date`),
 * stored in cents. The list is newest first, filtered by metal type and an inclusive date range,
 * paged: `per_page` above MAX_PER_PAGE is clamped, a page past the last is empty, `pages` is 0
 * when nothing matches.
 * @throws AppError VALIDATION_FAILED (list: start_date after end_date), DUPLICATE_RESOURCE.
 */
export const metalPrices = defineTenantCrud<'metal_prices', MetalPrice, MetalPriceWrite, MetalPriceQuery, MetalPricePage>({
  table: 'metal_prices',
  entity: 'Metal price',
  toDto: toMetalPrice,
  list: async (rows, query, toDto) => {
    checkDateRange(query);
    const order = (q: TenantSelect<'metal_prices'>) => q.selectAll().orderBy('quote_date', 'desc').orderBy('id', 'desc');
    const { rows: found, ...counts } = await paginate(quotesMatching(rows, query), query, MAX_PER_PAGE, order);
    return { prices: found.map(toDto), ...counts };
  },
  columns: (input, { current }) =>
    defined({
      metal_type: current ? input.metal_type : (input.metal_type ?? DEFAULT_METAL_TYPE),
      quote_date: input.quote_date,
      high_price_cents: toCents(input.high_price),
      low_price_cents: toCents(input.low_price),
      average_price_cents: toCents(input.average_price),
      price_change_cents: toCents(input.price_change),
    }),
  unique: { field: 'quote_date', message: '该金属当日报价已存在' },
});

/** For seeds and test fixtures. */
export const createMetalPrice = metalPrices.create;
