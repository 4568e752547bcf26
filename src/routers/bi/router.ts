import { router } from '../../trpc/init.ts';
import { customersProcedure, financialProcedure, platformOverviewProcedure, salesProcedure, topProductsProcedure } from './analytics.ts';
import { commerceRouter } from './commerce.ts';

/** BI analytics (spec 004) and the commerce listings they summarise. */
export const biRouter = router({
  sales: salesProcedure,
  topProducts: topProductsProcedure,
  customers: customersProcedure,
  financial: financialProcedure,
  platformOverview: platformOverviewProcedure,
  commerce: commerceRouter,
});
