import { z } from 'zod';
import { authedProcedure } from '../../../edge/trpc.ts';
import { requireFactory } from '../../../services/traces/common.ts';
import { getRecall } from '../../../services/traces/recall/recall.ts';
import { traceOperation } from '../schemas.ts';
import { recall, recallId } from './schemas.ts';

/** GET /v1/recalls/{id}: one recall of the caller's factory, as it was answered. */
export const getRecallProcedure = authedProcedure
  .meta(traceOperation('GET /v1/recalls/{id}', 'One recall, as answered', 'trace_read'))
  .input(z.object({ id: recallId }))
  .output(recall)
  .query(({ ctx, input }) => getRecall(ctx.deps.db, requireFactory(ctx.user.factoryId), input.id));
