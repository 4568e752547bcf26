import { router } from '../../edge/trpc.ts';
import { detailProcedure } from './detail.ts';
import { materialProgressProcedure, materialsProcedure, statusProcedure } from './details.ts';
import { searchProcedure } from './search.ts';
import { tracesRouter } from './traces/router.ts';

export const ordersRouter = router({
  search: searchProcedure,
  status: statusProcedure,
  materials: materialsProcedure,
  materialProgress: materialProgressProcedure,
  detail: detailProcedure,
  traces: tracesRouter,
});
