import { authedProcedure } from '../../edge/trpc.ts';
import { replaceTraceBatch } from '../../services/traces/batch-writes.ts';
import { gs1Settings } from '../../services/traces/gs1/batch-identity.ts';
import { traceBatch, traceBatchBody, traceId, traceOperation } from './schemas.ts';

/** PUT /v1/traces/{id}: full replacement; an omitted status becomes active. */
export const replaceTraceProcedure = authedProcedure
  .meta(traceOperation('PUT /v1/traces/{id}', 'Replace a trace batch', 'trace_write'))
  .input(traceBatchBody.extend({ id: traceId }))
  .output(traceBatch)
  .mutation(({ ctx, input: { id, ...body } }) =>
    replaceTraceBatch(ctx.deps.db, ctx.user.factoryId, id, body, gs1Settings(ctx.deps.config)),
  );
