import { z } from 'zod';
import { factoryProcedure, router } from '../../../edge/trpc.ts';
import { listAuditLogs, listContractLogs } from '../../../services/smelter/audit.ts';
import { adminMeta, id } from '../../master-data/schemas.ts';
import { auditFilters, auditPage } from '../schemas.ts';

const tag = 'admin-audit-logs';

/** `admin.auditLogs`: the audit trail of contracts, receipts, assay data and settlements (issue 15). */
export const auditLogsRouter = router({
  list: factoryProcedure
    .meta(adminMeta('GET', '/api/audit-logs', tag, "The factory's audit trail, filtered and paged", 'audit_read'))
    .input(z.object({ ...auditFilters, contract_id: id.optional() }))
    .output(auditPage)
    .query(({ ctx, input }) => listAuditLogs(ctx.deps.db, ctx.user.factoryId, input)),
  contract: factoryProcedure
    .meta(
      adminMeta(
        'GET',
        '/api/contracts/{contract_id}/logs',
        tag,
        "One contract's operation log (its receipts and settlements too)",
        'audit_read',
      ),
    )
    .input(z.object({ ...auditFilters, contract_id: id }))
    .output(auditPage)
    .query(({ ctx, input }) => listContractLogs(ctx.deps.db, ctx.user.factoryId, input)),
});
