import { z } from 'zod';
import { factoryProcedure } from '../../../edge/trpc.ts';
import { confirmSettlement } from '../../../services/smelter/settlements.ts';
import { adminMeta } from '../../master-data/schemas.ts';
import { settlement, settlementRequest } from '../schemas.ts';

/** `admin.settlements.confirm`: settles receipts by their contract's pricing method (issue 15), idempotent per receipt set. */
export const confirmSettlementProcedure = factoryProcedure
  .meta(
    adminMeta(
      'POST /api/contracts/{contract_id}/settlements',
      'Confirm a settlement (idempotent per receipt set)',
      'settlement_create',
      '结算成功',
    ),
  )
  .input(settlementRequest)
  .output(settlement.extend({ created: z.boolean().describe('false when this receipt set was already settled: the earlier settlement') }))
  .mutation(({ ctx, input }) => confirmSettlement(ctx.deps.db, ctx.user, input.contract_id, input));
