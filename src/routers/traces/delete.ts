import { z } from 'zod';
import { authedProcedure } from '../../edge/trpc.ts';
import { deleteTraceBatch } from '../../services/traces/batch-writes.ts';
import { traceId, traceOperation } from './schemas.ts';

/** DELETE /v1/traces/{id} → 204, logs included. */
export const deleteTraceProcedure = authedProcedure
  .meta(traceOperation('DELETE /v1/traces/{id}', 'Delete a trace batch and its logs', 'trace_write', { successStatus: 204 }))
  .input(z.object({ id: traceId }))
  .output(z.void())
  .mutation(({ ctx, input }) => deleteTraceBatch(ctx.deps.db, ctx.user.factoryId, input.id));
