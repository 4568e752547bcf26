import { listProducts } from '../../services/analytics/commerce.ts';
import { commerceProducts } from './commerce-products.types.ts';
import { biProcedure, listedMerchant } from './schemas.ts';

/** GET /api/shops/{merchant_id}/products (spec 004 commerce reference) */
export const commerceProductsProcedure = biProcedure('GET /api/shops/{merchant_id}/products', "A merchant's products", commerceProducts, {
  dataShape: 'bare',
}).query(async ({ ctx, input }) => listProducts(ctx.deps.db, await listedMerchant(ctx, input.merchant_id), input));
