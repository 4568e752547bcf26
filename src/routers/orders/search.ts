import { z } from 'zod';
import { operation } from '../../edge/meta.ts';
import { wechatProcedure } from '../../edge/trpc.ts';
import { ORDER_STATUSES } from '../../integrations/erp/types.ts';
import { searchOrders } from '../../services/orders/orders.ts';
import { orderSummary } from './search.types.ts';

/** GET /api/orders/search (spec 000) */
export const searchProcedure = wechatProcedure
  .meta(
    operation('mini', 'GET /api/orders/search', "Search the bound company's orders", {
      message: '查询成功',
      rateLimit: { limit: 30 },
      errors: ['COMPANY_NOT_BOUND', 'SERVICE_UNAVAILABLE'],
    }),
  )
  .input(
    z.object({
      keyword: z.string().trim().max(100).optional(),
      // mini-programs send `status=` for "all"
      status: z
        .enum([...ORDER_STATUSES, ''])
        .optional()
        .describe('empty or absent: every status'),
      page: z.number().int().min(1).max(10_000).default(1),
      pageSize: z.number().int().min(1).max(100).default(20),
    }),
  )
  .output(
    z.object({
      orders: z.array(orderSummary),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
      hasMore: z
        .boolean()
        .meta({ description: 'page × pageSize < total: the original mini-program loads the next page on it', example: true }),
      queryTime: z.number().int().describe('epoch ms'),
      cacheHit: z.boolean(),
    }),
  )
  .query(({ ctx, input }) => searchOrders(ctx.deps, ctx.user, { ...input, status: input.status || undefined }));
