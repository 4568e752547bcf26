import { listOrders } from '../../services/analytics/commerce.ts';
import { commerceOrders } from './commerce-orders.types.ts';
import { biProcedure, listedMerchant } from './schemas.ts';

/** GET /api/orders (spec 004 commerce reference) */
export const commerceOrdersProcedure = biProcedure('GET /api/orders', "A merchant's orders", commerceOrders, { dataShape: 'bare' }).query(
  async ({ ctx, input }) => listOrders(ctx.deps.db, await listedMerchant(ctx, input.merchant_id), input),
);
