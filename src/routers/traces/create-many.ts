import { z } from 'zod';
import { authedProcedure } from '../../edge/trpc.ts';
import { createTraceBatches } from '../../services/traces/batch-writes.ts';
import { gs1Settings } from '../../services/traces/gs1/batch-identity.ts';
import { BATCH_TIER, traceBatch, traceBatchBody, traceOperation } from './schemas.ts';

/** POST /v1/traces/batch: up to 100 batches in one transaction, all or none (batch tier). */
export const createManyTracesProcedure = authedProcedure
  .meta(
    traceOperation('POST /v1/traces/batch', 'Create many trace batches, all or none', 'trace_write', {
      successStatus: 201,
      rateLimit: BATCH_TIER,
    }),
  )
  .input(z.object({ items: z.array(traceBatchBody).min(1).max(100) }))
  .output(z.array(traceBatch))
  .mutation(({ ctx, input }) => createTraceBatches(ctx.deps.db, ctx.user.factoryId, input.items, gs1Settings(ctx.deps.config)));
