import { z } from 'zod';
import { authedProcedure, platformProcedure } from '../../edge/trpc.ts';
import { monthOrCurrent, resolveMerchantScope } from '../../services/bi/analytics.ts';
import { biMeta, days, localDateString, merchantId, money, month, reportMeta, settingsOf, withReportMeta } from './schemas.ts';

const tags = ['bi'];

const dayCount = z.number().int().meta({ example: 25 });
const customersCount = z.number().int().describe('distinct customer emails').meta({ example: 21 });

/**
 * GET /api/v1/sales (spec 004 bi §1). Beside spec 004's fields, what the BI CLI's `sales get`
 * reads (REAL-CLIENTS.md): `data.summary`, `data.daily[]` and the envelope's `meta`.
 */
export const salesProcedure = authedProcedure
  .meta({
    openapi: { method: 'GET', path: '/api/v1/sales', tags, summary: 'Sales over the last days', protect: true },
    ...biMeta,
    dataShape: 'spread',
  })
  .input(z.object({ days: days(7), merchant_id: merchantId }))
  .output(
    z.object({
      data: z.object({
        total_revenue: money.meta({ example: 12500 }),
        order_count: z.number().int().meta({ example: 150 }),
        avg_order_value: money.meta({ example: 83.33 }),
        period: z.object({ start: localDateString.meta({ example: '2024-01-09' }), end: localDateString.meta({ example: '2024-01-15' }) }),
        daily_breakdown: z.array(
          z.object({ date: localDateString.meta({ example: '2024-01-15' }), revenue: money.meta({ example: 2000 }), orders: dayCount }),
        ),
        summary: z
          .object({
            total_revenue: money.meta({ example: 12500 }),
            total_orders: z.number().int().meta({ example: 150 }),
            avg_order_value: money.describe('rounded half up to a cent').meta({ example: 83.33 }),
            unique_customers: customersCount,
          })
          .describe('the BI CLI: the period as a whole'),
        daily: z
          .array(
            z.object({
              date: localDateString.meta({ example: '2024-01-15' }),
              revenue: money.meta({ example: 2000 }),
              orders: dayCount,
              total_revenue: money.describe('= revenue').meta({ example: 2000 }),
              order_count: dayCount.describe('= orders'),
              avg_order_value: money.describe('rounded half up to a cent').meta({ example: 80 }),
              unique_customers: customersCount,
            }),
          )
          .describe('the BI CLI: one entry per local day, oldest first'),
      }),
      meta: reportMeta,
    }),
  )
  .query(async ({ ctx, input }) => {
    const scope = await resolveMerchantScope(ctx.deps.db, ctx.user, input.merchant_id);
    return withReportMeta((now) => ctx.deps.heavyReads.run('sales', scope, input.days, settingsOf(ctx.deps.config), now));
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
    return { products: await ctx.deps.heavyReads.run('topProducts', scope, input.days, input.limit, settingsOf(ctx.deps.config)) };
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
    return ctx.deps.heavyReads.run('customers', scope, input.days, settingsOf(ctx.deps.config));
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
    return ctx.deps.heavyReads.run('financial', scope, monthOrCurrent(input.month, s.timeZone), s);
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
    return ctx.deps.heavyReads.run('platformOverview', monthOrCurrent(input.month, s.timeZone), s);
  });
