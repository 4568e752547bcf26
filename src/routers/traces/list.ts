import { z } from 'zod';
import { authedProcedure } from '../../edge/trpc.ts';
import { listTraceBatches } from '../../services/traces/batch-queries.ts';
import { gs1Settings } from '../../services/traces/gs1/batch-identity.ts';
import { listTracesInput } from './list.types.ts';
import { pageMeta, traceBatchFields, traceOperation } from './schemas.ts';

/** GET /v1/traces (spec 003 §1.2, §5): the caller's factory's batches, paged. */
export const listTracesProcedure = authedProcedure
  .meta(traceOperation('GET /v1/traces', 'List trace batches', 'trace_read', { dataShape: 'spread' }))
  .input(listTracesInput)
  .output(z.object({ data: z.array(traceBatchFields), meta: pageMeta }))
  .query(({ ctx, input }) => listTraceBatches(ctx.deps, ctx.user.factoryId, input, gs1Settings(ctx.deps.config)));
