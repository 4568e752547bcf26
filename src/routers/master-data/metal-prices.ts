import { z } from 'zod';
import { factoryProcedure, router } from '../../edge/trpc.ts';
import {
  createMetalPrice,
  deleteMetalPrice,
  getMetalPrice,
  listMetalPrices,
  MAX_PER_PAGE,
  updateMetalPrice,
} from '../../services/master-data/metal-prices.ts';
import { adminMeta, id, isoDate, isoTime } from './schemas.ts';

const tag = 'admin-metal-prices';
const price = z
  .object({
    id: z.number().int(),
    metal_type: z.string(),
    quote_date: z.string(),
    high_price: z.number().nullable(),
    low_price: z.number().nullable(),
    average_price: z.number(),
    price_change: z.number(),
    created_at: isoTime,
    updated_at: isoTime,
  })
  .meta({ id: 'MetalPrice' });
const yuan = z.number().min(0).max(100_000_000).describe('yuan per tonne, two decimals');
const write = z.object({
  metal_type: z.string().trim().min(1).max(50).optional().describe('default 1#锌'),
  quote_date: isoDate,
  high_price: yuan.nullable().optional(),
  low_price: yuan.nullable().optional(),
  average_price: yuan,
  price_change: z.number().min(-100_000_000).max(100_000_000).describe('yuan per tonne'),
});
const byId = z.object({ price_id: id });

/** `admin.metalPrices`: daily metal quotes of the caller's factory. */
export const metalPricesRouter = router({
  list: factoryProcedure
    .meta(adminMeta('GET', '/api/metal-prices', tag, 'Metal quotes, filtered and paged', 'metal_price_read'))
    .input(
      z.object({
        metal_type: z.string().trim().min(1).max(50).optional(),
        start_date: isoDate.optional(),
        end_date: isoDate.optional(),
        page: z.number().int().min(1).max(1_000_000).default(1),
        per_page: z.number().int().min(1).default(10).describe(`clamped to ${MAX_PER_PAGE}`),
      }),
    )
    .output(z.object({ prices: z.array(price), total: z.number().int(), pages: z.number().int(), current_page: z.number().int() }))
    .query(({ ctx, input }) => listMetalPrices(ctx.deps.db, ctx.user.factoryId, input)),
  create: factoryProcedure
    .meta(adminMeta('POST', '/api/metal-prices', tag, "Record a day's quote", 'metal_price_create', '金属价格创建成功'))
    .input(write)
    .output(price)
    .mutation(({ ctx, input }) => createMetalPrice(ctx.deps.db, ctx.user.factoryId, input)),
  get: factoryProcedure
    .meta(adminMeta('GET', '/api/metal-prices/{price_id}', tag, 'One quote', 'metal_price_read'))
    .input(byId)
    .output(price)
    .query(({ ctx, input }) => getMetalPrice(ctx.deps.db, ctx.user.factoryId, input.price_id)),
  update: factoryProcedure
    .meta(adminMeta('PUT', '/api/metal-prices/{price_id}', tag, 'Update a quote', 'metal_price_update', '金属价格更新成功'))
    .input(byId.extend(write.partial().shape))
    .output(price)
    .mutation(({ ctx, input: { price_id, ...patch } }) => updateMetalPrice(ctx.deps.db, ctx.user.factoryId, price_id, patch)),
  delete: factoryProcedure
    .meta(adminMeta('DELETE', '/api/metal-prices/{price_id}', tag, 'Delete a quote', 'metal_price_delete', '金属价格删除成功'))
    .input(byId)
    .output(z.void())
    .mutation(({ ctx, input }) => deleteMetalPrice(ctx.deps.db, ctx.user.factoryId, input.price_id)),
});
