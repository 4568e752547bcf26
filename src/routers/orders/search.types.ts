import { z } from 'zod';

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
