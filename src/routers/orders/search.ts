import { z } from 'zod';
import { wechatProcedure } from '../../edge/trpc.ts';
import { ORDER_STATUSES } from '../../integrations/erp/types.ts';
import { searchOrders } from '../../services/orders/orders.ts';

export const orderSummary = z
  .object({
    order_id: z.string(),
    order_no: z.string(),
    customer_name: z.string(),
    order_date: z.string(),
    status: z.string(),
    materials: z.array(z.object({ material_id: z.string(), material_code: z.string(), status: z.string() })),
  })
  .meta({ id: 'OrderSummary', description: 'An ERP order as the order list shows it (spec 000)' });

/** GET /api/orders/search (spec 000) */
export const searchProcedure = wechatProcedure
  .meta({
    openapi: { method: 'GET', path: '/api/orders/search', tags: ['mini'], summary: "Search the bound company's orders", protect: true },
    family: 'mini',
    message: '查询成功',
    rateLimit: { limit: 30 },
    errors: ['COMPANY_NOT_BOUND', 'SERVICE_UNAVAILABLE'],
  })
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
  .query(({ ctx, input }) => searchOrders(ctx.deps, ctx.user.id, { ...input, status: input.status || undefined }));
