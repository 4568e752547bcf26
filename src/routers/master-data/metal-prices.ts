import { z } from 'zod';
import { router } from '../../edge/trpc.ts';
import { MAX_PER_PAGE, metalPrices } from '../../services/master-data/metal-prices.ts';
import { crudProcedures } from './crud-procedures.ts';
import { isoDate, recordSchema } from './schemas.ts';

const price = recordSchema('MetalPrice', {
  metal_type: z.string(),
  quote_date: z.string(),
  high_price: z.number().nullable(),
  low_price: z.number().nullable(),
  average_price: z.number(),
  price_change: z.number(),
});
const yuan = z.number().min(0).max(100_000_000).describe('yuan per tonne, two decimals');

/** `admin.metalPrices`: daily metal quotes of the caller's factory. */
export const metalPricesRouter = router(
  crudProcedures(metalPrices, {
    path: '/api/metal-prices/{price_id}',
    permission: 'metal_price',
    dto: price,
    write: z.object({
      metal_type: z.string().trim().min(1).max(50).optional().describe('default 1#锌'),
      quote_date: isoDate,
      high_price: yuan.nullable().optional(),
      low_price: yuan.nullable().optional(),
      average_price: yuan,
      price_change: z.number().min(-100_000_000).max(100_000_000).describe('yuan per tonne'),
    }),
    listInput: z.object({
      metal_type: z.string().trim().min(1).max(50).optional(),
      start_date: isoDate.optional(),
      end_date: isoDate.optional(),
      page: z.number().int().min(1).max(1_000_000).default(1),
      per_page: z.number().int().min(1).default(10).describe(`clamped to ${MAX_PER_PAGE}`),
    }),
    listOutput: z.object({ prices: z.array(price), total: z.number().int(), pages: z.number().int(), current_page: z.number().int() }),
    noun: 'quote',
    zh: '金属价格',
    summaries: { list: 'Metal quotes, filtered and paged', create: "Record a day's quote" },
  }),
);
