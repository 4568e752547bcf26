import { z } from 'zod';
import { days, localDateString, merchantId, money } from './schemas.ts';

export const customersInput = z.object({ days: days(90), merchant_id: merchantId });

export const customersOutput = z.object({
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
});
