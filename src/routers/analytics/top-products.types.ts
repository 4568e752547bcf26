import { z } from 'zod';
import { days, merchantId, money } from './schemas.ts';

export const topProductsInput = z.object({
  days: days(30),
  limit: z.coerce.number().int().min(1).max(100).default(10),
  merchant_id: merchantId,
});

export const topProductsOutput = z.object({
  products: z.array(
    z.object({
      product_id: z.string(),
      product_name: z.string(),
      quantity_sold: z.number().int(),
      revenue: money,
      order_count: z.number().int(),
    }),
  ),
});
