import { router } from '../../trpc/init.ts';
import { assayDataRouter } from './master-data/assay-data.ts';
import { attachmentsRouter } from './master-data/attachments.ts';
import { contractsRouter } from './master-data/contracts.ts';
import { customersRouter } from './master-data/customers.ts';
import { departmentsRouter } from './master-data/departments.ts';
import { materialsRouter } from './master-data/materials.ts';
import { metalPricesRouter } from './master-data/metal-prices.ts';
import { erpStatusProcedure, healthCheckProcedure, performanceMetricsProcedure } from './monitoring.ts';
import { usersRouter } from './users/router.ts';

export const adminRouter = router({
  healthCheck: healthCheckProcedure,
  erpStatus: erpStatusProcedure,
  performanceMetrics: performanceMetricsProcedure,
  users: usersRouter,
  materials: materialsRouter,
  customers: customersRouter,
  departments: departmentsRouter,
  contracts: contractsRouter,
  assayData: assayDataRouter,
  metalPrices: metalPricesRouter,
  attachments: attachmentsRouter,
});
