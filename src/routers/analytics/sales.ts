import { salesInput, salesOutput } from './sales.types.ts';
import { biProcedure, scopeOf, settingsOf, withReportMeta } from './schemas.ts';

/**
 * GET /api/v1/sales (spec 004 bi §1). Beside spec 004's fields, what the BI CLI's `sales get`
 * reads (REAL-CLIENTS.md): `data.summary`, `data.daily[]` and the envelope's `meta`.
 */
export const salesProcedure = biProcedure(
  'GET /api/v1/sales',
  'Sales over the last days',
  { input: salesInput, output: salesOutput },
  { dataShape: 'spread' },
).query(async ({ ctx, input }) => {
  const scope = await scopeOf(ctx, input.merchant_id);
  return withReportMeta((now) => ctx.deps.heavyReads.read('sales', scope, input.days, settingsOf(ctx.deps.config), now));
});
