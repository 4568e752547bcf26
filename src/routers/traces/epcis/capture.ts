import { authedProcedure } from '../../../edge/trpc.ts';
import { requireFactory } from '../../../services/traces/common.ts';
import { capture } from '../../../services/traces/epcis/capture.ts';
import { BATCH_TIER, traceOperation } from '../schemas.ts';
import { captureInput, captureResult } from './capture.types.ts';

/**
 * POST /v1/epcis/capture (EPCIS 2.0 REST bindings' capture, synchronous): the whole document or
 * nothing, idempotent by eventID / event hash; a schema failure is a 400 listing JSON pointers.
 */
export const epcisCaptureProcedure = authedProcedure
  .meta(
    traceOperation('POST /v1/epcis/capture', 'Capture an EPCIS 2.0 document (all or nothing, idempotent)', 'trace_write', {
      rateLimit: BATCH_TIER,
      errors: ['MALFORMED_REQUEST', 'CONFLICT'],
    }),
  )
  .input(captureInput)
  .output(captureResult)
  .mutation(({ ctx, input }) => capture(ctx.deps.db, requireFactory(ctx.user.factoryId), input));
