import { authedProcedure } from '../../edge/trpc.ts';
import { createTraceBatch } from '../../services/traces/batch-writes.ts';
import { gs1Settings } from '../../services/traces/gs1/batch-identity.ts';
import { traceBatch, traceBatchBody, traceOperation } from './schemas.ts';

/** POST /v1/traces (spec 003 §4.1) → 201 */
export const createTraceProcedure = authedProcedure
  .meta(traceOperation('POST /v1/traces', 'Create a trace batch', 'trace_write', { successStatus: 201 }))
  .input(traceBatchBody)
  .output(traceBatch)
  .mutation(({ ctx, input }) => createTraceBatch(ctx.deps.db, ctx.user.factoryId, input, gs1Settings(ctx.deps.config)));
