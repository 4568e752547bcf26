import { z } from 'zod';
import { factoryProcedure } from '../../../edge/trpc.ts';
import { listSettlements } from '../../../services/smelter/settlements.ts';
import { adminMeta, id } from '../../master-data/schemas.ts';
import { settlement } from '../schemas.ts';

/** `admin.settlements.list`: a contract's settlements, newest first. */
export const listSettlementsProcedure = factoryProcedure
  .meta(adminMeta('GET /api/contracts/{contract_id}/settlements', "A contract's settlements, newest first", 'settlement_read'))
  .input(z.object({ contract_id: id }))
  .output(z.array(settlement))
  .query(({ ctx, input }) => listSettlements(ctx.deps.db, ctx.user.factoryId, input.contract_id));
