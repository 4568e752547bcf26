import { authedProcedure } from '../../../edge/trpc.ts';
import { batchCheck } from '../../../services/identity/mobile/permission-check.ts';
import { batchCheckInput, batchCheckOutput } from './permissions-batch-check.types.ts';
import { mobileOperation } from './schemas.ts';

/** POST /api/mobile/permissions/batch-check (spec 002 §6.1), evaluated with the guards' own functions. */
export const permissionsBatchCheckProcedure = authedProcedure
  .meta(mobileOperation('POST /api/mobile/permissions/batch-check', 'Check several permissions at once'))
  .input(batchCheckInput)
  .output(batchCheckOutput)
  .mutation(({ ctx, input }) => batchCheck(ctx.user, input.permissionChecks));
