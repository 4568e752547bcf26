import { z } from 'zod';
import { authedProcedure } from '../../edge/trpc.ts';
import { listTraceLogs } from '../../services/traces/logs.ts';
import { listLogsInput } from './logs.types.ts';
import { pageMeta, traceLog, traceOperation } from './schemas.ts';

/** GET /v1/traces/{id}/logs (spec 003 §1.2): the batch's events in time order, paged. */
export const listTraceLogsProcedure = authedProcedure
  .meta(traceOperation('GET /v1/traces/{id}/logs', "A trace batch's log", 'trace_read', { dataShape: 'spread' }))
  .input(listLogsInput)
  .output(z.object({ data: z.array(traceLog), meta: pageMeta }))
  .query(({ ctx, input: { id, ...query } }) => listTraceLogs(ctx.deps.db, ctx.user.factoryId, id, query));
