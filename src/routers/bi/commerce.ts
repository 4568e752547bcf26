import { z } from 'zod';
import { authedProcedure, router } from '../../edge/trpc.ts';
import { resolveMerchantScope } from '../../services/bi/analytics.ts';
import { listOrders, listProducts } from '../../services/bi/commerce.ts';

const tags = ['bi'];
const meta = { family: 'bi', dataShape: 'bare', permission: 'bi_read', rateLimit: { limit: 60 } } as const;
const page = { limit: z.coerce.number().int().min(1).max(100).default(100), offset: z.coerce.number().int().min(0).default(0) };
const decimal = z.string().describe('decimal amount, two places');
const paging = { total: z.number().int(), page: z.number().int(), has_next: z.boolean() };

/** GET /api/shops/{merchant_id}/products (spec 004 commerce reference) */
export const productsProcedure = authedProcedure
  .meta({
    openapi: { method: 'GET', path: '/api/shops/{merchant_id}/products', tags, summary: "A merchant's products", protect: true },
    ...meta,
  })
  .input(
    z.object({ merchant_id: z.string().trim().min(1).max(64), status: z.enum(['active', 'inactive', 'archived']).optional(), ...page }),
  )
  .output(
    z.object({
      products: z.array(
        z.object({
          id: z.string(),
          merchant_id: z.string(),
          name: z.string(),
          price: decimal,
          currency: z.string(),
          stock_quantity: z.number().int(),
          status: z.enum(['active', 'inactive', 'archived']),
          created_at: z.string().describe('ISO 8601').meta({ format: 'date-time' }),
        }),
      ),
      ...paging,
    }),
  )
  .query(async ({ ctx, input }) => {
    // platform admins name any existing merchant; merchants only themselves (another id is not found)
    const merchant = (await resolveMerchantScope(ctx.deps.db, ctx.user, input.merchant_id)) ?? input.merchant_id;
    return listProducts(ctx.deps.db, merchant, input);
  });

const orderStatus = z.enum(['pending', 'paid', 'shipped', 'delivered', 'cancelled']);

/** GET /api/orders (spec 004 commerce reference) */
export const ordersProcedure = authedProcedure
  .meta({ openapi: { method: 'GET', path: '/api/orders', tags, summary: "A merchant's orders", protect: true }, ...meta })
  .input(z.object({ merchant_id: z.string().trim().min(1).max(64), status: orderStatus.optional(), ...page }))
  .output(
    z.object({
      orders: z.array(
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
      ),
      ...paging,
    }),
  )
  .query(async ({ ctx, input }) => {
    const merchant = (await resolveMerchantScope(ctx.deps.db, ctx.user, input.merchant_id)) ?? input.merchant_id;
    return listOrders(ctx.deps.db, merchant, input);
  });

export const commerceRouter = router({ products: productsProcedure, orders: ordersProcedure });
