import { biProcedure, scopeOf, settingsOf } from './schemas.ts';
import { topProductsInput, topProductsOutput } from './top-products.types.ts';

/** GET /api/v1/products/top (spec 004 bi §2) */
export const topProductsProcedure = biProcedure('GET /api/v1/products/top', 'Best-selling products', {
  input: topProductsInput,
  output: topProductsOutput,
}).query(async ({ ctx, input }) => ({
  products: await ctx.deps.heavyReads.run(
    'topProducts',
    await scopeOf(ctx, input.merchant_id),
    input.days,
    input.limit,
    settingsOf(ctx.deps.config),
    Date.now(),
  ),
}));
