import { z } from 'zod';
import { authedProcedure } from '../../../edge/trpc.ts';
import { addTraceLog, listTraceLogs } from '../../../services/traces/logs.ts';
import { addLogInput, GENERAL_TIER, listLogsInput, pageMeta, traceLog } from './schemas.ts';

/** GET /v1/traces/{id}/logs (spec 003 §1.2): the batch's events in time order, paged. */
export const listTraceLogsProcedure = authedProcedure
  .meta({
    openapi: { method: 'GET', path: '/v1/traces/{id}/logs', tags: ['v1'], summary: "A trace batch's log", protect: true },
    family: 'v1',
    dataShape: 'spread',
    permission: 'trace_read',
    rateLimit: GENERAL_TIER,
  })
  .input(listLogsInput)
  .output(z.object({ data: z.array(traceLog), meta: pageMeta }))
  .query(({ ctx, input: { id, ...query } }) => listTraceLogs(ctx.deps.db, ctx.user.factoryId, id, query));

/** POST /v1/traces/{id}/logs → 201: appends harvest, processing, inspection, storage or shipping. */
export const addTraceLogProcedure = authedProcedure
  .meta({
    openapi: { method: 'POST', path: '/v1/traces/{id}/logs', tags: ['v1'], summary: 'Append an event to a trace batch', protect: true },
    family: 'v1',
    successStatus: 201,
    permission: 'trace_write',
    rateLimit: GENERAL_TIER,
  })
  .input(addLogInput)
  .output(traceLog)
  .mutation(({ ctx, input: { id, ...log } }) => addTraceLog(ctx.deps.db, ctx.user.factoryId, id, log));
