import { router } from '../../trpc/init.ts';
import { factoriesRouter } from './factories.ts';
import { mobileHealthProcedure } from './mobile-health.ts';
import { erpStatusProcedure, healthCheckProcedure, performanceMetricsProcedure } from './monitoring.ts';
import { userActivationRouter } from './user-activation.ts';
import { whitelistRouter } from './whitelist.ts';

export const adminRouter = router({
  healthCheck: healthCheckProcedure,
  erpStatus: erpStatusProcedure,
  performanceMetrics: performanceMetricsProcedure,
  // spec 002; userActivation (/api/users/pending, /api/users/{id}/…) stays before any `users` key
  userActivation: userActivationRouter,
  whitelist: whitelistRouter,
  factories: factoriesRouter,
  mobileHealth: mobileHealthProcedure,
});
