import { authedProcedure } from '../../edge/trpc.ts';
import { addTraceLog } from '../../services/traces/logs.ts';
import { addLogInput } from './add-log.types.ts';
import { traceLog, traceOperation } from './schemas.ts';

/** POST /v1/traces/{id}/logs → 201: appends harvest, processing, inspection, storage or shipping. */
export const addTraceLogProcedure = authedProcedure
  .meta(traceOperation('POST /v1/traces/{id}/logs', 'Append an event to a trace batch', 'trace_write', { successStatus: 201 }))
  .input(addLogInput)
  .output(traceLog)
  .mutation(({ ctx, input: { id, ...log } }) => addTraceLog(ctx.deps.db, ctx.user.factoryId, id, log));
