import { z } from 'zod';
import { authedProcedure } from '../../../edge/trpc.ts';
import { requireFactory } from '../../../services/traces/common.ts';
import { MAX_DEPTH } from '../../../services/traces/epcis/genealogy.ts';
import { startRecall } from '../../../services/traces/recall/recall.ts';
import { traceOperation } from '../schemas.ts';
import { recall } from './schemas.ts';

/**
 * POST /v1/recalls (issue 14 §5): recalls a lot of the caller's factory: the lots made from it,
 * the ERP companies and orders that received them, the FSMA 204 rows, the chain's EPCIS document;
 * messages the affected companies' mini-program users unless `notify` is false. Recorded.
 */
export const createRecallProcedure = authedProcedure
  .meta(
    traceOperation('POST /v1/recalls', 'Recall a lot: affected lots, customers and FSMA 204 records', 'trace_write', {
      successStatus: 201,
    }),
  )
  .input(
    z.object({
      lot: z.string().trim().min(1).max(512).describe('the lot as its EPCIS events name it: LGTIN URN or Digital Link URI'),
      reason: z.string().trim().min(1).max(1000),
      depth: z.number().int().min(1).max(MAX_DEPTH).optional().describe('transformations to follow downstream (default 10)'),
      notify: z.boolean().optional().describe('message the affected customers’ mini-program users (default true)'),
    }),
  )
  .output(recall)
  .mutation(async ({ ctx, input }) => {
    const scope = { factoryId: requireFactory(ctx.user.factoryId), userId: ctx.user.id };
    return startRecall(ctx.deps, scope, input);
  });
