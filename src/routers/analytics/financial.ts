import { monthOrCurrent } from '../../services/analytics/scope.ts';
import { financialInput, financialOutput } from './financial.types.ts';
import { biProcedure, scopeOf, settingsOf } from './schemas.ts';

/** GET /api/v1/financial (spec 004 bi §4) */
export const financialProcedure = biProcedure('GET /api/v1/financial', 'Monthly financial report', {
  input: financialInput,
  output: financialOutput,
}).query(async ({ ctx, input }) => {
  const s = settingsOf(ctx.deps.config);
  return ctx.deps.heavyReads.run('financial', await scopeOf(ctx, input.merchant_id), monthOrCurrent(input.month, s.timeZone), s);
});
