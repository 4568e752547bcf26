import { factoryProcedure } from '../../../edge/trpc.ts';
import { computeSettlement } from '../../../services/smelter/settlement-calculation.ts';
import { adminMeta } from '../../master-data/schemas.ts';
import { calculation, settlementRequest } from '../schemas.ts';

/**
 * `admin.settlements.preview`: a settlement computed, every line shown, nothing saved. A query
 * (POST for its body, 200), so tRPC clients may cache and retry it.
 */
export const previewSettlementProcedure = factoryProcedure
  .meta(
    adminMeta(
      'POST /api/contracts/{contract_id}/settlements/preview',
      'Compute a settlement without saving it, every line shown',
      'settlement_create',
      undefined,
      { successStatus: 200 },
    ),
  )
  .input(settlementRequest)
  .output(calculation)
  .query(({ ctx, input }) => computeSettlement(ctx.deps.db, ctx.user.factoryId, input.contract_id, input));
