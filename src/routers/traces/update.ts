import { authedProcedure } from '../../edge/trpc.ts';
import { updateTraceBatch } from '../../services/traces/batch-writes.ts';
import { gs1Settings } from '../../services/traces/gs1/batch-identity.ts';
import { traceBatch, traceBatchBody, traceId, traceOperation } from './schemas.ts';

/** PATCH /v1/traces/{id}: the given fields only. */
export const updateTraceProcedure = authedProcedure
  .meta(traceOperation('PATCH /v1/traces/{id}', 'Update some fields of a trace batch', 'trace_write'))
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
  .mutation(({ ctx, input: { id, ...patch } }) =>
    updateTraceBatch(ctx.deps.db, ctx.user.factoryId, id, patch, gs1Settings(ctx.deps.config)),
  );
