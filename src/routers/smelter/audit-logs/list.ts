import { z } from 'zod';
import { factoryProcedure } from '../../../edge/trpc.ts';
import { listAuditLogs } from '../../../services/smelter/audit.ts';
import { adminMeta, id } from '../../master-data/schemas.ts';
import { auditFilters, auditPage } from '../schemas.ts';

/** `admin.auditLogs.list`: the audit trail of contracts, receipts, assay data and settlements (issue 15). */
export const listAuditLogsProcedure = factoryProcedure
  .meta(adminMeta('GET /api/audit-logs', "The factory's audit trail, filtered and paged", 'audit_read'))
  .input(z.object({ ...auditFilters, contract_id: id.optional() }))
  .output(auditPage)
  .query(({ ctx, input }) => listAuditLogs(ctx.deps.db, ctx.user.factoryId, input));
