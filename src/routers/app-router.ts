import { router } from '../edge/trpc.ts';
import { deepseekAnalysisProcedure } from './ai/deepseek-analysis.ts';
import { commerceOrdersProcedure } from './analytics/commerce-orders.ts';
import { commerceProductsProcedure } from './analytics/commerce-products.ts';
import { customersProcedure } from './analytics/customers.ts';
import { financialProcedure } from './analytics/financial.ts';
import { platformOverviewProcedure } from './analytics/platform-overview.ts';
import { salesProcedure } from './analytics/sales.ts';
import { topProductsProcedure } from './analytics/top-products.ts';
import { loginProcedure } from './identity/admin/login.ts';
import { logoutProcedure } from './identity/admin/logout.ts';
import { meProcedure } from './identity/admin/me.ts';
import { refreshTokenProcedure } from './identity/admin/refresh-token.ts';
import { registerProcedure } from './identity/admin/register.ts';
import { jwksProcedure } from './identity/jwks.ts';
import { activationActivateProcedure } from './identity/mobile/activation-activate.ts';
import { activationValidateProcedure } from './identity/mobile/activation-validate.ts';
import { bindDeviceProcedure } from './identity/mobile/bind-device.ts';
import { changePasswordProcedure } from './identity/mobile/change-password.ts';
import { deviceLoginProcedure } from './identity/mobile/device-login.ts';
import { devicesProcedure } from './identity/mobile/devices.ts';
import { factoryLoginProcedure } from './identity/mobile/factory-login.ts';
import { logoutProcedure as mobileLogoutProcedure } from './identity/mobile/logout.ts';
import { permissionsBatchCheckProcedure } from './identity/mobile/permissions-batch-check.ts';
import { platformLoginProcedure } from './identity/mobile/platform-login.ts';
import { profileProcedure as mobileProfileProcedure } from './identity/mobile/profile.ts';
import { refreshTokenProcedure as mobileRefreshTokenProcedure } from './identity/mobile/refresh-token.ts';
import { registerPhaseOneProcedure } from './identity/mobile/register-phase-one.ts';
import { registerPhaseTwoProcedure } from './identity/mobile/register-phase-two.ts';
import { sendVerificationProcedure } from './identity/mobile/send-verification.ts';
import { unifiedLoginProcedure } from './identity/mobile/unified-login.ts';
import { cliDeviceAuthorizationProcedure } from './identity/oauth/cli-device-authorization.ts';
import { cliTokenProcedure } from './identity/oauth/cli-token.ts';
import { clientsCreateProcedure } from './identity/oauth/clients-create.ts';
import { clientsDisableProcedure } from './identity/oauth/clients-disable.ts';
import { clientsListProcedure } from './identity/oauth/clients-list.ts';
import { deviceAuthorizationProcedure } from './identity/oauth/device-authorization.ts';
import { devicePageProcedure } from './identity/oauth/device-page.ts';
import { deviceSubmitProcedure } from './identity/oauth/device-submit.ts';
import { tokenProcedure } from './identity/oauth/token.ts';
import { userInfoProcedure } from './identity/oauth/user-info.ts';
import { verifyTokenProcedure } from './identity/oauth/verify-token.ts';
import { loginProcedure as v1LoginProcedure } from './identity/v1/login.ts';
import { refreshProcedure as v1RefreshProcedure } from './identity/v1/refresh.ts';
import { bindCompanyProcedure } from './identity/wechat/bind-company.ts';
import { profileProcedure } from './identity/wechat/profile.ts';
import { wxLoginProcedure } from './identity/wechat/wx-login.ts';
import { assayDataRouter } from './master-data/assay-data.ts';
import { downloadAttachmentProcedure } from './master-data/attachments/download.ts';
import { listAttachmentsProcedure } from './master-data/attachments/list.ts';
import { uploadAttachmentProcedure } from './master-data/attachments/upload.ts';
import { contractsRouter } from './master-data/contracts.ts';
import { customersRouter } from './master-data/customers.ts';
import { departmentsRouter } from './master-data/departments.ts';
import { materialsRouter } from './master-data/materials.ts';
import { metalPricesRouter } from './master-data/metal-prices.ts';
import { erpStatusProcedure } from './monitoring/erp-status.ts';
import { healthCheckProcedure } from './monitoring/health-check.ts';
import { mobileHealthProcedure } from './monitoring/mobile-health.ts';
import { performanceMetricsProcedure } from './monitoring/performance-metrics.ts';
import { messagesClearAllProcedure } from './notifications/messages-clear-all.ts';
import { messagesHistoryProcedure } from './notifications/messages-history.ts';
import { messagesMarkAllReadProcedure } from './notifications/messages-mark-all-read.ts';
import { messagesMarkReadProcedure } from './notifications/messages-mark-read.ts';
import { notificationSettingsProcedure } from './notifications/notification-settings.ts';
import { recordSubscriptionsProcedure } from './notifications/record-subscriptions.ts';
import { sendTemplateMessageProcedure } from './notifications/send-template-message.ts';
import { updateNotificationSettingsProcedure } from './notifications/update-notification-settings.ts';
import { detailProcedure } from './orders/detail.ts';
import { materialProgressProcedure } from './orders/material-progress.ts';
import { materialsProcedure } from './orders/materials.ts';
import { searchProcedure } from './orders/search.ts';
import { statusProcedure } from './orders/status.ts';
import { contractLogsProcedure } from './smelter/audit-logs/contract.ts';
import { listAuditLogsProcedure } from './smelter/audit-logs/list.ts';
import { metalPriceFilesRouter } from './smelter/metal-price-files/router.ts';
import { receiptsRouter } from './smelter/receipts.ts';
import { confirmSettlementProcedure } from './smelter/settlements/confirm.ts';
import { listSettlementsProcedure } from './smelter/settlements/list.ts';
import { previewSettlementProcedure } from './smelter/settlements/preview.ts';
import { createFactoryProcedure } from './tenants/factories/create.ts';
import { createFactoryAdminProcedure } from './tenants/factories/create-admin.ts';
import { listFactoriesProcedure } from './tenants/factories/list.ts';
import { activateUserProcedure } from './tenants/user-activation/activate.ts';
import { pendingUsersProcedure } from './tenants/user-activation/pending.ts';
import { resetPasswordProcedure } from './tenants/user-activation/reset-password.ts';
import { createUserProcedure } from './tenants/users/create.ts';
import { deleteUserProcedure } from './tenants/users/delete.ts';
import { getUserProcedure } from './tenants/users/get.ts';
import { listUsersProcedure } from './tenants/users/list.ts';
import { updateUserProcedure } from './tenants/users/update.ts';
import { addToWhitelistProcedure } from './tenants/whitelist/add.ts';
import { listWhitelistProcedure } from './tenants/whitelist/list.ts';
import { removeFromWhitelistProcedure } from './tenants/whitelist/remove.ts';
import { addTraceLogProcedure } from './traces/add-log.ts';
import { createTraceProcedure } from './traces/create.ts';
import { createManyTracesProcedure } from './traces/create-many.ts';
import { deleteTraceProcedure } from './traces/delete.ts';
import { batchEpcisProcedure } from './traces/epcis/batch-document.ts';
import { epcisRouter } from './traces/epcis/router.ts';
import { genealogyProcedure } from './traces/genealogy.ts';
import { getTraceProcedure } from './traces/get.ts';
import { resolveLotProcedure } from './traces/gs1/resolve-lot.ts';
import { batchInputsProcedure } from './traces/inputs.ts';
import { listTracesProcedure } from './traces/list.ts';
import { listTraceLogsProcedure } from './traces/logs.ts';
import { publicRecordProcedure } from './traces/public-record.ts';
import { publicTraceProcedure } from './traces/public-view.ts';
import { qrCodeProcedure } from './traces/qr-code.ts';
import { qrCodeTargetProcedure } from './traces/qr-code-target.ts';
import { recallsRouter } from './traces/recalls/router.ts';
import { replaceTraceProcedure } from './traces/replace.ts';
import { updateTraceProcedure } from './traces/update.ts';
import { mobileUploadProcedure } from './uploads/mobile-upload.ts';

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
    activation: router({ activate: activationActivateProcedure, validate: activationValidateProcedure }),
    permissions: router({ batchCheck: permissionsBatchCheckProcedure }),
    factoryLogin: factoryLoginProcedure,
    platformLogin: platformLoginProcedure,
    changePassword: changePasswordProcedure,
    v1: router({ login: v1LoginProcedure, refresh: v1RefreshProcedure }),
    login: loginProcedure,
    refreshToken: refreshTokenProcedure,
    register: registerProcedure,
    logout: logoutProcedure,
    me: meProcedure,
    verifyToken: verifyTokenProcedure,
    jwks: jwksProcedure,
    userInfo: userInfoProcedure,
    // spec 004's auth server: the device flow, its /device page
    oauth: router({
      device: deviceAuthorizationProcedure,
      token: tokenProcedure,
      cliDevice: cliDeviceAuthorizationProcedure,
      cliToken: cliTokenProcedure,
      devicePage: devicePageProcedure,
      deviceSubmit: deviceSubmitProcedure,
    }),
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
      publicRecord: publicRecordProcedure,
      get: getTraceProcedure,
      replace: replaceTraceProcedure,
      update: updateTraceProcedure,
      delete: deleteTraceProcedure,
      logs: listTraceLogsProcedure,
      addLog: addTraceLogProcedure,
      qrCodeTarget: qrCodeTargetProcedure,
      qrCode: qrCodeProcedure,
      // GS1 EPCIS 2.0 (issue 14)
      epcis: epcisRouter,
      epcisDocument: batchEpcisProcedure,
      resolveLot: resolveLotProcedure,
      genealogy: genealogyProcedure,
      inputs: batchInputsProcedure,
      recalls: recallsRouter,
    }),
  }),
  wechat: router({
    sendTemplateMessage: sendTemplateMessageProcedure,
    // what the original mini-program needs besides spec 000 (REAL-CLIENTS.md)
    messages: router({
      history: messagesHistoryProcedure,
      markRead: messagesMarkReadProcedure,
      markAllRead: messagesMarkAllReadProcedure,
      clearAll: messagesClearAllProcedure,
    }),
    recordSubscriptions: recordSubscriptionsProcedure,
    notificationSettings: notificationSettingsProcedure,
    updateNotificationSettings: updateNotificationSettingsProcedure,
  }),
  admin: router({
    healthCheck: healthCheckProcedure,
    erpStatus: erpStatusProcedure,
    performanceMetrics: performanceMetricsProcedure,
    // spec 002
    userActivation: router({ pending: pendingUsersProcedure, activate: activateUserProcedure, resetPassword: resetPasswordProcedure }),
    whitelist: router({ list: listWhitelistProcedure, add: addToWhitelistProcedure, remove: removeFromWhitelistProcedure }),
    factories: router({ list: listFactoriesProcedure, create: createFactoryProcedure, createAdmin: createFactoryAdminProcedure }),
    oauthClients: router({ list: clientsListProcedure, create: clientsCreateProcedure, disable: clientsDisableProcedure }),
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
    metalPriceFiles: metalPriceFilesRouter,
  }),
  // BI analytics (spec 004), the commerce listings they summarise, and spec 002's AI analysis
  bi: router({
    sales: salesProcedure,
    topProducts: topProductsProcedure,
    customers: customersProcedure,
    financial: financialProcedure,
    platformOverview: platformOverviewProcedure,
    commerce: router({ products: commerceProductsProcedure, orders: commerceOrdersProcedure }),
    analysis: deepseekAnalysisProcedure,
  }),
});

export type AppRouter = typeof appRouter;
