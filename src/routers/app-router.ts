import { router } from '../edge/trpc.ts';
import { factoriesRouter } from './admin/factories.ts';
import { mobileHealthProcedure } from './admin/mobile-health.ts';
import { mobileUploadProcedure } from './admin/mobile-upload.ts';
import { erpStatusProcedure, healthCheckProcedure, performanceMetricsProcedure } from './admin/monitoring.ts';
import { oauthClientsRouter } from './admin/oauth-clients.ts';
import { userActivationRouter } from './admin/user-activation.ts';
import { createUserProcedure, deleteUserProcedure, getUserProcedure, listUsersProcedure, updateUserProcedure } from './admin/users/crud.ts';
import { whitelistRouter } from './admin/whitelist.ts';
import { activationRouter, permissionsRouter } from './auth/activation.ts';
import { loginProcedure, logoutProcedure, meProcedure, refreshTokenProcedure, registerProcedure } from './auth/admin-session.ts';
import { bindCompanyProcedure } from './auth/bind-company.ts';
import { jwksProcedure } from './auth/jwks.ts';
import { bindDeviceProcedure, deviceLoginProcedure, devicesProcedure } from './auth/mobile/devices.ts';
import { factoryLoginProcedure, platformLoginProcedure, unifiedLoginProcedure } from './auth/mobile/login.ts';
import { registerPhaseOneProcedure, registerPhaseTwoProcedure, sendVerificationProcedure } from './auth/mobile/registration.ts';
import {
  changePasswordProcedure,
  logoutProcedure as mobileLogoutProcedure,
  mobileProfileProcedure,
  refreshTokenProcedure as mobileRefreshTokenProcedure,
} from './auth/mobile/session.ts';
import { oauthRouter } from './auth/oauth.ts';
import { profileProcedure } from './auth/profile.ts';
import { userInfoProcedure } from './auth/user-info.ts';
import { v1AuthRouter } from './auth/v1.ts';
import { verifyTokenProcedure } from './auth/verify-token.ts';
import { wxLoginProcedure } from './auth/wx-login.ts';
import { analysisProcedure } from './bi/analysis.ts';
import { customersProcedure, financialProcedure, platformOverviewProcedure, salesProcedure, topProductsProcedure } from './bi/analytics.ts';
import { commerceRouter } from './bi/commerce.ts';
import { assayDataRouter } from './master-data/assay-data.ts';
import { downloadAttachmentProcedure } from './master-data/attachments/download.ts';
import { listAttachmentsProcedure } from './master-data/attachments/list.ts';
import { uploadAttachmentProcedure } from './master-data/attachments/upload.ts';
import { contractsRouter } from './master-data/contracts.ts';
import { customersRouter } from './master-data/customers.ts';
import { departmentsRouter } from './master-data/departments.ts';
import { materialsRouter } from './master-data/materials.ts';
import { metalPricesRouter } from './master-data/metal-prices.ts';
import { detailProcedure } from './orders/detail.ts';
import { materialProgressProcedure, materialsProcedure, statusProcedure } from './orders/details.ts';
import { searchProcedure } from './orders/search.ts';
import { addTraceLogProcedure, listTraceLogsProcedure } from './orders/traces/logs.ts';
import {
  getTraceProcedure,
  listTracesProcedure,
  publicTraceProcedure,
  qrCodeProcedure,
  qrCodeTargetProcedure,
} from './orders/traces/read.ts';
import {
  createManyTracesProcedure,
  createTraceProcedure,
  deleteTraceProcedure,
  replaceTraceProcedure,
  updateTraceProcedure,
} from './orders/traces/write.ts';
import { contractLogsProcedure } from './smelter/audit-logs/contract.ts';
import { listAuditLogsProcedure } from './smelter/audit-logs/list.ts';
import { exportMetalPricesProcedure } from './smelter/metal-price-files/export.ts';
import { importMetalPricesProcedure } from './smelter/metal-price-files/import.ts';
import { metalPriceTemplateProcedure } from './smelter/metal-price-files/template.ts';
import { receiptsRouter } from './smelter/receipts.ts';
import { confirmSettlementProcedure } from './smelter/settlements/confirm.ts';
import { listSettlementsProcedure } from './smelter/settlements/list.ts';
import { previewSettlementProcedure } from './smelter/settlements/preview.ts';
import { messagesRouter } from './wechat/messages.ts';
import { notificationSettingsProcedure, updateNotificationSettingsProcedure } from './wechat/notification-settings.ts';
import { sendTemplateMessageProcedure } from './wechat/send-template-message.ts';
import { subscriptionsProcedure } from './wechat/subscriptions.ts';

/**
 * The whole API: five routers, one procedure per REST operation (DESIGN.md). This is the only
 * place that maps the domain folders onto the tRPC keys; the keys are the typed client's paths
 * and the document's operationIds, so they do not move when a folder does. REST path matching
 * does not depend on the order of keys here (src/edge/routes.ts: literal segments win).
 */
export const appRouter = router({
  auth: router({
    wxLogin: wxLoginProcedure,
    bindCompany: bindCompanyProcedure,
    profile: profileProcedure,
    // spec 002
    mobile: router({
      unifiedLogin: unifiedLoginProcedure,
      sendVerification: sendVerificationProcedure,
      registerPhaseOne: registerPhaseOneProcedure,
      registerPhaseTwo: registerPhaseTwoProcedure,
      refreshToken: mobileRefreshTokenProcedure,
      logout: mobileLogoutProcedure,
      profile: mobileProfileProcedure,
      bindDevice: bindDeviceProcedure,
      deviceLogin: deviceLoginProcedure,
      devices: devicesProcedure,
    }),
    activation: activationRouter,
    permissions: permissionsRouter,
    factoryLogin: factoryLoginProcedure,
    platformLogin: platformLoginProcedure,
    changePassword: changePasswordProcedure,
    v1: v1AuthRouter,
    login: loginProcedure,
    refreshToken: refreshTokenProcedure,
    register: registerProcedure,
    logout: logoutProcedure,
    me: meProcedure,
    verifyToken: verifyTokenProcedure,
    jwks: jwksProcedure,
    userInfo: userInfoProcedure,
    oauth: oauthRouter,
  }),
  orders: router({
    search: searchProcedure,
    status: statusProcedure,
    materials: materialsProcedure,
    materialProgress: materialProgressProcedure,
    detail: detailProcedure,
    // the v1 traceability API (spec 003)
    traces: router({
      createMany: createManyTracesProcedure,
      list: listTracesProcedure,
      create: createTraceProcedure,
      publicView: publicTraceProcedure,
      get: getTraceProcedure,
      replace: replaceTraceProcedure,
      update: updateTraceProcedure,
      delete: deleteTraceProcedure,
      logs: listTraceLogsProcedure,
      addLog: addTraceLogProcedure,
      qrCodeTarget: qrCodeTargetProcedure,
      qrCode: qrCodeProcedure,
    }),
  }),
  wechat: router({
    sendTemplateMessage: sendTemplateMessageProcedure,
    // what the original mini-program needs besides spec 000 (REAL-CLIENTS.md)
    messages: messagesRouter,
    recordSubscriptions: subscriptionsProcedure,
    notificationSettings: notificationSettingsProcedure,
    updateNotificationSettings: updateNotificationSettingsProcedure,
  }),
  admin: router({
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
    users: router({
      list: listUsersProcedure,
      create: createUserProcedure,
      get: getUserProcedure,
      update: updateUserProcedure,
      delete: deleteUserProcedure,
    }),
    materials: materialsRouter,
    customers: customersRouter,
    departments: departmentsRouter,
    contracts: contractsRouter,
    assayData: assayDataRouter,
    metalPrices: metalPricesRouter,
    attachments: router({ upload: uploadAttachmentProcedure, download: downloadAttachmentProcedure, list: listAttachmentsProcedure }),
    // issue 15: the smelter's weighing → assay → settlement, and the audit trail
    receipts: receiptsRouter,
    settlements: router({ preview: previewSettlementProcedure, confirm: confirmSettlementProcedure, list: listSettlementsProcedure }),
    auditLogs: router({ list: listAuditLogsProcedure, contract: contractLogsProcedure }),
    metalPriceFiles: router({
      import: importMetalPricesProcedure,
      export: exportMetalPricesProcedure,
      template: metalPriceTemplateProcedure,
    }),
  }),
  // BI analytics (spec 004), the commerce listings they summarise, and spec 002's AI analysis
  bi: router({
    sales: salesProcedure,
    topProducts: topProductsProcedure,
    customers: customersProcedure,
    financial: financialProcedure,
    platformOverview: platformOverviewProcedure,
    commerce: commerceRouter,
    analysis: analysisProcedure,
  }),
});

export type AppRouter = typeof appRouter;
