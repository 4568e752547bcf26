import { authedProcedure } from '../../edge/trpc.ts';
import { recordBatchInputs } from '../../services/traces/epcis/batch-inputs.ts';
import { gs1Settings } from '../../services/traces/gs1/batch-identity.ts';
import { batchInputsInput, batchInputsOutput } from './inputs.types.ts';
import { traceOperation } from './schemas.ts';

/** POST /v1/traces/{id}/inputs (issue 14 §2): the lots a batch was made from, as an EPCIS TransformationEvent. */
export const batchInputsProcedure = authedProcedure
  .meta(
    traceOperation('POST /v1/traces/{id}/inputs', 'Record the lots a batch was made from (EPCIS TransformationEvent)', 'trace_write', {
      successStatus: 201,
    }),
  )
  .input(batchInputsInput)
  .output(batchInputsOutput)
  .mutation(({ ctx, input }) => recordBatchInputs(ctx.deps.db, ctx.user.factoryId, input.id, input, gs1Settings(ctx.deps.config)));
