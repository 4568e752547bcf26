import { authedProcedure } from '../../../edge/trpc.ts';
import { requireFactory } from '../../../services/traces/common.ts';
import { capture } from '../../../services/traces/epcis/capture.ts';
import { BATCH_TIER } from '../schemas.ts';
import { captureInput, captureResult } from './capture.types.ts';
import { epcisOperation } from './schemas.ts';

/**
 * POST /v1/epcis/capture (EPCIS 2.0 REST bindings' capture, synchronous): the whole document or
 * nothing, idempotent by eventID / event hash; a schema failure is a 400 listing JSON pointers.
 */
export const epcisCaptureProcedure = authedProcedure
  .meta(
    epcisOperation(
      'The body (`application/json` or `application/ld+json`) is an EPCISDocument checked against the GS1 EPCIS 2.0 JSON Schema: a document it refuses is a 400 whose `details` are JSON pointers. Every event is stored or none is; an event without eventID gets its CBV 2.0 event hash as eventID; re-sending an event with the same content is accepted once (`duplicates`), with other content a 409. Events of the caller’s factory only.',
      'POST /v1/epcis/capture',
      'Capture an EPCIS 2.0 document (all or nothing, idempotent)',
      'trace_write',
      { rateLimit: BATCH_TIER, errors: ['MALFORMED_REQUEST', 'CONFLICT'] },
    ),
  )
  .input(captureInput)
  .output(captureResult)
  .mutation(({ ctx, input }) => capture(ctx.deps.db, requireFactory(ctx.user.factoryId), input));
