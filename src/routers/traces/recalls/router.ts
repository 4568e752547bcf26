import { router } from '../../../edge/trpc.ts';
import { createRecallProcedure } from './create.ts';
import { recallSheetProcedure } from './fsma204.ts';
import { getRecallProcedure } from './get.ts';
import { listRecallsProcedure } from './list.ts';

/** `orders.traces.recalls`: /v1/recalls (issue 14 §5), one procedure per file beside this one. */
export const recallsRouter = router({
  create: createRecallProcedure,
  list: listRecallsProcedure,
  get: getRecallProcedure,
  fsma204: recallSheetProcedure,
});
