import { router } from '../../edge/trpc.ts';
import { analysisProcedure } from './analysis.ts';
import { customersProcedure, financialProcedure, platformOverviewProcedure, salesProcedure, topProductsProcedure } from './analytics.ts';
import { commerceRouter } from './commerce.ts';

/** BI analytics (spec 004), the commerce listings they summarise, and spec 002's AI analysis. */
export const biRouter = router({
  sales: salesProcedure,
  topProducts: topProductsProcedure,
  customers: customersProcedure,
  financial: financialProcedure,
  platformOverview: platformOverviewProcedure,
  commerce: commerceRouter,
  analysis: analysisProcedure,
});
