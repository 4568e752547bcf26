import { z } from 'zod';
import { authedProcedure, platformProcedure } from '../../edge/trpc.ts';
import {
  customerReport,
  financialReport,
  monthOrCurrent,
  platformOverview,
  resolveMerchantScope,
  salesReport,
  topProducts,
} from '../../services/bi/analytics.ts';
import { biMeta, days, localDateString, merchantId, money, month, settingsOf } from './schemas.ts';

const tags = ['bi'];

/** GET /api/v1/sales (spec 004 bi §1) */
export const salesProcedure = authedProcedure
  .meta({ openapi: { method: 'GET', path: '/api/v1/sales', tags, summary: 'Sales over the last days', protect: true }, ...biMeta })
  .input(z.object({ days: days(7), merchant_id: merchantId }))
  .output(
    z.object({
      total_revenue: money,
      order_count: z.number().int(),
      avg_order_value: money,
      period: z.object({ start: localDateString, end: localDateString }),
      daily_breakdown: z.array(z.object({ date: localDateString, revenue: money, orders: z.number().int() })),
    }),
  )
  .query(async ({ ctx, input }) => {
    const scope = await resolveMerchantScope(ctx.deps.db, ctx.user, input.merchant_id);
    return salesReport(ctx.deps.db, scope, input.days, settingsOf(ctx.deps.config));
  });

/** GET /api/v1/products/top (spec 004 bi §2) */
export const topProductsProcedure = authedProcedure
  .meta({ openapi: { method: 'GET', path: '/api/v1/products/top', tags, summary: 'Best-selling products', protect: true }, ...biMeta })
  .input(z.object({ days: days(30), limit: z.coerce.number().int().min(1).max(100).default(10), merchant_id: merchantId }))
  .output(
    z.object({
      products: z.array(
        z.object({
          product_id: z.string(),
          product_name: z.string(),
          quantity_sold: z.number().int(),
          revenue: money,
          order_count: z.number().int(),
        }),
      ),
    }),
  )
  .query(async ({ ctx, input }) => {
    const scope = await resolveMerchantScope(ctx.deps.db, ctx.user, input.merchant_id);
    return { products: await topProducts(ctx.deps.db, scope, input.days, input.limit, settingsOf(ctx.deps.config)) };
  });

/** GET /api/v1/customers (spec 004 bi §3) */
export const customersProcedure = authedProcedure
  .meta({ openapi: { method: 'GET', path: '/api/v1/customers', tags, summary: 'Customer analysis', protect: true }, ...biMeta })
  .input(z.object({ days: days(90), merchant_id: merchantId }))
  .output(
    z.object({
      total_customers: z.number().int(),
      new_customers: z.number().int(),
      repeat_customers: z.number().int(),
      repeat_rate: z.number().describe('0..1, 4 decimals'),
      top_customers: z.array(
        z.object({
          customer_email: z.string(),
          order_count: z.number().int(),
          total_spent: money,
          first_order_date: localDateString,
          last_order_date: localDateString,
        }),
      ),
    }),
  )
  .query(async ({ ctx, input }) => {
    const scope = await resolveMerchantScope(ctx.deps.db, ctx.user, input.merchant_id);
    return customerReport(ctx.deps.db, scope, input.days, settingsOf(ctx.deps.config));
  });

/** GET /api/v1/financial (spec 004 bi §4) */
export const financialProcedure = authedProcedure
  .meta({ openapi: { method: 'GET', path: '/api/v1/financial', tags, summary: 'Monthly financial report', protect: true }, ...biMeta })
  .input(z.object({ month, merchant_id: merchantId }))
  .output(
    z.object({
      gross_revenue: money,
      platform_fee: money,
      net_revenue: money,
      pending_transfers: money,
      completed_transfers: money,
      transfer_count: z.number().int(),
    }),
  )
  .query(async ({ ctx, input }) => {
    const scope = await resolveMerchantScope(ctx.deps.db, ctx.user, input.merchant_id);
    const s = settingsOf(ctx.deps.config);
    return financialReport(ctx.deps.db, scope, monthOrCurrent(input.month, s.timeZone), s);
  });

/** GET /api/v1/platform/overview (spec 004 bi §5), platform administrators only. */
export const platformOverviewProcedure = platformProcedure
  .meta({
    openapi: { method: 'GET', path: '/api/v1/platform/overview', tags, summary: 'Platform overview (administrators)', protect: true },
    ...biMeta,
  })
  .input(z.object({ month }))
  .output(
    z.object({
      platform_gmv: money,
      total_orders: z.number().int(),
      active_merchants: z.number().int(),
      new_merchants: z.number().int(),
      platform_revenue: money,
      subscription_mrr: money,
    }),
  )
  .query(({ ctx, input }) => {
    const s = settingsOf(ctx.deps.config);
    return platformOverview(ctx.deps.db, monthOrCurrent(input.month, s.timeZone), s);
  });
