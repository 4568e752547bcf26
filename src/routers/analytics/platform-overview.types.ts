import { z } from 'zod';
import { money, month } from './schemas.ts';

export const platformOverviewInput = z.object({ month });

export const platformOverviewOutput = z.object({
  platform_gmv: money,
  total_orders: z.number().int(),
  active_merchants: z.number().int(),
  new_merchants: z.number().int(),
  platform_revenue: money,
  subscription_mrr: money,
});
