import { router } from '../../trpc/init.ts';
import { analysisProcedure } from './analysis.ts';

/** BI analytics (spec 004); procedures arrive with the BI issue. `analysis` is spec 002's AI route. */
export const biRouter = router({
  analysis: analysisProcedure,
});
