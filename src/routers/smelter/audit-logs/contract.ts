import { z } from 'zod';
import { factoryProcedure } from '../../../edge/trpc.ts';
import { listContractLogs } from '../../../services/smelter/audit.ts';
import { adminMeta, id } from '../../master-data/schemas.ts';
import { auditFilters, auditPage } from '../schemas.ts';

/** `admin.auditLogs.contract`: one contract's operation log, its receipts' and settlements' included. */
export const contractLogsProcedure = factoryProcedure
  .meta(adminMeta('GET /api/contracts/{contract_id}/logs', "One contract's operation log (its receipts and settlements too)", 'audit_read'))
  .input(z.object({ ...auditFilters, contract_id: id }))
  .output(auditPage)
  .query(({ ctx, input }) => listContractLogs(ctx.deps.db, ctx.user.factoryId, input));
