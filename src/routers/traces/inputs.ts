import { z } from 'zod';
import { authedProcedure } from '../../edge/trpc.ts';
import { recordBatchInputs } from '../../services/traces/epcis/batch-inputs.ts';
import { gs1Settings } from '../../services/traces/gs1/batch-identity.ts';
import { isoInstant, traceId, traceOperation } from './schemas.ts';

const kilograms = z.number().positive().max(1e9).describe('kilograms of the input consumed');

/** POST /v1/traces/{id}/inputs (issue 14 §2): the lots a batch was made from, as an EPCIS TransformationEvent. */
export const batchInputsProcedure = authedProcedure
  .meta(
    traceOperation('POST /v1/traces/{id}/inputs', 'Record the lots a batch was made from (EPCIS TransformationEvent)', 'trace_write', {
      successStatus: 201,
    }),
  )
  .input(
    z.object({
      id: traceId,
      inputs: z
        .array(
          z.union([
            z.strictObject({ traceId: traceId.describe('a batch of the caller’s factory'), quantityKg: kilograms }),
            z.strictObject({
              epcClass: z.string().trim().min(1).max(512).describe('any lot’s EPC class, e.g. a supplier’s Digital Link'),
              quantityKg: kilograms,
            }),
          ]),
        )
        .min(1)
        .max(100),
      eventTime: isoInstant.optional().describe('when the batch was made; default now'),
    }),
  )
  .output(
    z.object({
      eventId: z.string().describe('the TransformationEvent’s eventID (CBV 2.0 event hash)'),
      captured: z.boolean().describe('false when the same event was recorded before'),
      event: z.record(z.string(), z.unknown()).describe('the EPCIS 2.0 TransformationEvent'),
    }),
  )
  .mutation(({ ctx, input }) => recordBatchInputs(ctx.deps.db, ctx.user.factoryId, input.id, input, gs1Settings(ctx.deps.config)));
