import { z } from 'zod';
import { authedProcedure } from '../../../edge/trpc.ts';
import { exportBatchDocument } from '../../../services/traces/epcis/batch-export.ts';
import { gs1Settings } from '../../../services/traces/gs1/batch-identity.ts';
import { traceId, traceOperation } from '../schemas.ts';
import { epcisDocument } from './schemas.ts';

/**
 * GET /v1/traces/{id}/epcis: one batch as an EPCISDocument: the captured events naming its lot,
 * else its logs mapped one-to-one onto ObjectEvents (CBV business steps).
 */
export const batchEpcisProcedure = authedProcedure
  .meta(traceOperation('GET /v1/traces/{id}/epcis', 'A trace batch as an EPCIS 2.0 document', 'trace_read'))
  .input(z.object({ id: traceId }))
  .output(epcisDocument)
  .query(
    async ({ ctx, input }) =>
      (await exportBatchDocument(ctx.deps.db, ctx.user.factoryId, input.id, gs1Settings(ctx.deps.config))) as z.infer<typeof epcisDocument>,
  );
