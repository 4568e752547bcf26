import { z } from 'zod';
import { authedProcedure } from '../../../edge/trpc.ts';
import {
  createTraceBatch,
  createTraceBatches,
  deleteTraceBatch,
  replaceTraceBatch,
  updateTraceBatch,
} from '../../../services/traces/batches.ts';
import { BATCH_TIER, GENERAL_TIER, traceBatch, traceBatchBody, traceId } from './schemas.ts';

const meta = (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: `/v1/${string}`, summary: string) => ({
  openapi: { method, path, tags: ['v1'], summary, protect: true },
  family: 'v1' as const,
  permission: 'trace_write' as const,
  rateLimit: GENERAL_TIER,
});

/** POST /v1/traces (spec 003 §4.1) → 201 */
export const createTraceProcedure = authedProcedure
  .meta({ ...meta('POST', '/v1/traces', 'Create a trace batch'), successStatus: 201 })
  .input(traceBatchBody)
  .output(traceBatch)
  .mutation(({ ctx, input }) => createTraceBatch(ctx.deps.db, ctx.user.factoryId, input));

/** POST /v1/traces/batch: up to 100 batches in one transaction, all or none (batch tier). */
export const createManyTracesProcedure = authedProcedure
  .meta({ ...meta('POST', '/v1/traces/batch', 'Create many trace batches, all or none'), successStatus: 201, rateLimit: BATCH_TIER })
  .input(z.object({ items: z.array(traceBatchBody).min(1).max(100) }))
  .output(z.array(traceBatch))
  .mutation(({ ctx, input }) => createTraceBatches(ctx.deps.db, ctx.user.factoryId, input.items));

/** PUT /v1/traces/{id}: full replacement; an omitted status becomes active. */
export const replaceTraceProcedure = authedProcedure
  .meta(meta('PUT', '/v1/traces/{id}', 'Replace a trace batch'))
  .input(traceBatchBody.extend({ id: traceId }))
  .output(traceBatch)
  .mutation(({ ctx, input: { id, ...body } }) => replaceTraceBatch(ctx.deps.db, ctx.user.factoryId, id, body));

/** PATCH /v1/traces/{id}: the given fields only. */
export const updateTraceProcedure = authedProcedure
  .meta(meta('PATCH', '/v1/traces/{id}', 'Update some fields of a trace batch'))
  .input(
    traceBatchBody
      .partial()
      .extend({ id: traceId })
      .refine((v) => Object.keys(v).some((k) => k !== 'id' && v[k as keyof typeof v] !== undefined), {
        message: 'At least one field to update is required',
        path: ['body'],
      }),
  )
  .output(traceBatch)
  .mutation(({ ctx, input: { id, ...patch } }) => updateTraceBatch(ctx.deps.db, ctx.user.factoryId, id, patch));

/** DELETE /v1/traces/{id} → 204, logs included. */
export const deleteTraceProcedure = authedProcedure
  .meta({ ...meta('DELETE', '/v1/traces/{id}', 'Delete a trace batch and its logs'), successStatus: 204 })
  .input(z.object({ id: traceId }))
  .output(z.void())
  .mutation(({ ctx, input }) => deleteTraceBatch(ctx.deps.db, ctx.user.factoryId, input.id));
