import { z } from 'zod';
import { days, localDateString, merchantId, money, reportMeta } from './schemas.ts';

const dayCount = z.number().int().meta({ example: 25 });
const customersCount = z.number().int().describe('distinct customer emails').meta({ example: 21 });

export const salesInput = z.object({ days: days(7), merchant_id: merchantId });

export const salesOutput = z.object({
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
});
