import { router } from '../../trpc/init.ts';
import { erpStatusProcedure, healthCheckProcedure, performanceMetricsProcedure } from './monitoring.ts';
import { usersRouter } from './users/router.ts';

export const adminRouter = router({
  healthCheck: healthCheckProcedure,
  erpStatus: erpStatusProcedure,
  performanceMetrics: performanceMetricsProcedure,
  users: usersRouter,
});
