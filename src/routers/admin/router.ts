import { router } from '../../trpc/init.ts';
import { erpStatusProcedure, healthCheckProcedure, performanceMetricsProcedure } from './monitoring.ts';

export const adminRouter = router({
  healthCheck: healthCheckProcedure,
  erpStatus: erpStatusProcedure,
  performanceMetrics: performanceMetricsProcedure,
});
