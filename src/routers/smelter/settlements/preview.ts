import { z } from 'zod';
import { factoryProcedure, router } from '../../../edge/trpc.ts';
import { computeSettlement } from '../../../services/smelter/settlement-calculation.ts';
import { confirmSettlement, listSettlements } from '../../../services/smelter/settlements.ts';
import { adminMeta, id } from '../../master-data/schemas.ts';
import { calculation, settlement, settlementRequest } from '../schemas.ts';

const tag = 'admin-settlements';

/** `admin.settlements`: settlement of receipts by their contract's pricing method (issue 15). */
export const settlementsRouter = router({
  // a query: it computes and saves nothing, so tRPC clients may cache and retry it
  preview: factoryProcedure
    .meta({
      ...adminMeta(
        'POST',
        '/api/contracts/{contract_id}/settlements/preview',
        tag,
        'Compute a settlement without saving it, every line shown',
        'settlement_create',
      ),
      successStatus: 200,
    })
    .input(settlementRequest)
    .output(calculation)
    .query(({ ctx, input }) => computeSettlement(ctx.deps.db, ctx.user.factoryId, input.contract_id, input)),
  confirm: factoryProcedure
    .meta(
      adminMeta(
        'POST',
        '/api/contracts/{contract_id}/settlements',
        tag,
        'Confirm a settlement (idempotent per receipt set)',
        'settlement_create',
        '结算成功',
      ),
    )
    .input(settlementRequest)
    .output(settlement.extend({ created: z.boolean().describe('false when this receipt set was already settled: the earlier settlement') }))
    .mutation(({ ctx, input }) => confirmSettlement(ctx.deps.db, ctx.user, input.contract_id, input)),
  list: factoryProcedure
    .meta(adminMeta('GET', '/api/contracts/{contract_id}/settlements', tag, "A contract's settlements, newest first", 'settlement_read'))
    .input(z.object({ contract_id: id }))
    .output(z.array(settlement))
    .query(({ ctx, input }) => listSettlements(ctx.deps.db, ctx.user.factoryId, input.contract_id)),
});
