import { authedProcedure } from '../../edge/trpc.ts';
import { batchGenealogy } from '../../services/traces/epcis/batch-genealogy.ts';
import { gs1Settings } from '../../services/traces/gs1/batch-identity.ts';
import { genealogyInput, genealogyOutput } from './genealogy.types.ts';
import { traceOperation } from './schemas.ts';

/** GET /v1/traces/{id}/genealogy (issue 14 §5): the batch's lot genealogy over its factory's TransformationEvents. */
export const genealogyProcedure = authedProcedure
  .meta(traceOperation('GET /v1/traces/{id}/genealogy', 'Lot genealogy: what a batch was made from or went into', 'trace_read'))
  .input(genealogyInput)
  .output(genealogyOutput)
  .query(({ ctx, input }) => batchGenealogy(ctx.deps.db, ctx.user.factoryId, input.id, gs1Settings(ctx.deps.config), input));
