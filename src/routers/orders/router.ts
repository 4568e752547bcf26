import { router } from '../../trpc/init.ts';
import { materialProgressProcedure, materialsProcedure, statusProcedure } from './details.ts';
import { searchProcedure } from './search.ts';
import { tracesRouter } from './traces/router.ts';

// Literal paths before parameterised ones: the REST adapter matches in this order.
export const ordersRouter = router({
  search: searchProcedure,
  status: statusProcedure,
  materials: materialsProcedure,
  materialProgress: materialProgressProcedure,
  traces: tracesRouter,
});
