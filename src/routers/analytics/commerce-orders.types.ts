import { z } from 'zod';
import { decimal, listing } from './schemas.ts';

const orderStatus = z.enum(['pending', 'paid', 'shipped', 'delivered', 'cancelled']);

export const commerceOrders = listing(
  'orders',
  orderStatus,
  z.object({
    id: z.string(),
    order_number: z.string(),
    merchant_id: z.string(),
    customer_email: z.string(),
    customer_name: z.string().nullable(),
    status: orderStatus,
    subtotal: decimal,
    shipping_fee: decimal,
    tax_amount: decimal,
    amount_total: decimal,
    currency: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
  }),
);
