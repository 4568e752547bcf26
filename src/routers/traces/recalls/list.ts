import { z } from 'zod';
import { authedProcedure } from '../../../edge/trpc.ts';
import { requireFactory } from '../../../services/traces/common.ts';
import { listRecalls } from '../../../services/traces/recall/recall.ts';
import { traceOperation } from '../schemas.ts';
import { recallSummary } from './schemas.ts';

/** GET /v1/recalls: the caller's factory's recalls, newest first. */
export const listRecallsProcedure = authedProcedure
  .meta(traceOperation('GET /v1/recalls', 'The factory’s recalls, newest first', 'trace_read'))
  .input(
    z.object({
      page: z.coerce.number().int().min(1).max(1_000_000).default(1),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
  )
  .output(z.array(recallSummary))
  .query(({ ctx, input }) => listRecalls(ctx.deps.db, requireFactory(ctx.user.factoryId), { page: input.page, perPage: input.limit }));
