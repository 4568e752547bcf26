import { z } from 'zod';
import { authedProcedure } from '../../../edge/trpc.ts';
import { exportBatchDocument } from '../../../services/traces/epcis/batch-export.ts';
import { gs1Settings } from '../../../services/traces/gs1/batch-identity.ts';
import { traceId } from '../schemas.ts';
import { epcisDocument, epcisOperation } from './schemas.ts';

/**
 * GET /v1/traces/{id}/epcis: one batch as an EPCISDocument: the captured events naming its lot,
 * else its logs mapped one-to-one onto ObjectEvents (CBV business steps).
 */
export const batchEpcisProcedure = authedProcedure
  .meta(
    epcisOperation(
      'The captured events that name the batch’s lot as an EPC class (its LGTIN URN at any company-prefix length, or its Digital Link), oldest first. A batch without such events gets its trace logs as ObjectEvents: harvest → `creating_class_instance` (ADD), processing → `other`, inspection → `inspecting`, storage → `storing`, shipping → `shipping`; location, operator and notes as `tracehub:` extension fields; eventIDs are CBV 2.0 event hashes, the same on every export.',
      'GET /v1/traces/{id}/epcis',
      'A trace batch as an EPCIS 2.0 document',
      'trace_read',
    ),
  )
  .input(z.object({ id: traceId }))
  .output(epcisDocument)
  .query(
    async ({ ctx, input }) =>
      (await exportBatchDocument(ctx.deps.db, ctx.user.factoryId, input.id, gs1Settings(ctx.deps.config))) as z.infer<typeof epcisDocument>,
  );
