import { customersInput, customersOutput } from './customers.types.ts';
import { biProcedure, scopeOf, settingsOf } from './schemas.ts';

/** GET /api/v1/customers (spec 004 bi §3) */
export const customersProcedure = biProcedure('GET /api/v1/customers', 'Customer analysis', {
  input: customersInput,
  output: customersOutput,
}).query(async ({ ctx, input }) =>
  ctx.deps.heavyReads.run('customers', await scopeOf(ctx, input.merchant_id), input.days, settingsOf(ctx.deps.config), Date.now()),
);
