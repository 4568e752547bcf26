import { z } from 'zod';
import { decimal, listing } from './schemas.ts';

const productStatus = z.enum(['active', 'inactive', 'archived']);

export const commerceProducts = listing(
  'products',
  productStatus,
  z.object({
    id: z.string(),
    merchant_id: z.string(),
    name: z.string(),
    price: decimal,
    currency: z.string(),
    stock_quantity: z.number().int(),
    status: productStatus,
    created_at: z.string().describe('ISO 8601').meta({ format: 'date-time' }),
  }),
);
