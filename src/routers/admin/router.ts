import { router } from '../../edge/trpc.ts';
import { factoriesRouter } from './factories.ts';
import { assayDataRouter } from './master-data/assay-data.ts';
import { attachmentsRouter } from './master-data/attachments.ts';
import { contractsRouter } from './master-data/contracts.ts';
import { customersRouter } from './master-data/customers.ts';
import { departmentsRouter } from './master-data/departments.ts';
import { materialsRouter } from './master-data/materials.ts';
import { metalPricesRouter } from './master-data/metal-prices.ts';
import { mobileHealthProcedure } from './mobile-health.ts';
import { mobileUploadProcedure } from './mobile-upload.ts';
import { erpStatusProcedure, healthCheckProcedure, performanceMetricsProcedure } from './monitoring.ts';
import { oauthClientsRouter } from './oauth-clients.ts';
import { auditLogsRouter } from './smelter/audit-logs.ts';
import { metalPriceFilesRouter } from './smelter/metal-price-files.ts';
import { receiptsRouter } from './smelter/receipts.ts';
import { settlementsRouter } from './smelter/settlements.ts';
import { userActivationRouter } from './user-activation.ts';
import { usersRouter } from './users/router.ts';
import { whitelistRouter } from './whitelist.ts';

export const adminRouter = router({
  healthCheck: healthCheckProcedure,
  erpStatus: erpStatusProcedure,
  performanceMetrics: performanceMetricsProcedure,
  // spec 002
  userActivation: userActivationRouter,
  whitelist: whitelistRouter,
  factories: factoriesRouter,
  oauthClients: oauthClientsRouter,
  mobileHealth: mobileHealthProcedure,
  mobileUpload: mobileUploadProcedure,
  users: usersRouter,
  materials: materialsRouter,
  customers: customersRouter,
  departments: departmentsRouter,
  contracts: contractsRouter,
  assayData: assayDataRouter,
  metalPrices: metalPricesRouter,
  attachments: attachmentsRouter,
  // issue 15: the smelter's weighing → assay → settlement, and the audit trail
  receipts: receiptsRouter,
  settlements: settlementsRouter,
  auditLogs: auditLogsRouter,
  metalPriceFiles: metalPriceFilesRouter,
});
