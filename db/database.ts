import type {
  AssayDataTable,
  AttachmentsTable,
  AuditLogsTable,
  ContractsTable,
  CustomersTable,
  DepartmentsTable,
  MaterialsTable,
  MetalPricesTable,
  ReceiptsTable,
  SettlementsTable,
} from './tables/back-office.ts';
import type {
  BiCustomerFirstHoursTable,
  BiCustomerFirstsTable,
  BiCustomerGapsTable,
  BiCustomerLastHoursTable,
  BiCustomerPrevHoursTable,
  BiCustomerSpendTable,
  BiOrderCountsTable,
  BiPlatformCustomerFirstHoursTable,
  BiPlatformCustomerFirstsTable,
  BiPlatformCustomerGapsTable,
  BiPlatformCustomerLastHoursTable,
  BiPlatformCustomerPrevHoursTable,
  BiPlatformCustomerSpendTable,
  BiPlatformSalesHoursTable,
  BiProductDaysTable,
  BiProductHoursTable,
  BiSalesHoursTable,
  BiVersionsTable,
  CommerceOrderItemsTable,
  CommerceOrdersTable,
  CommerceProductsTable,
  CommerceSubscriptionsTable,
  CommerceTransfersTable,
  OauthClientsTable,
  OauthDeviceCodesTable,
  OauthUserCodeFailuresTable,
} from './tables/bi.ts';
import type {
  ApiCallBucketsTable,
  ApiCallHoursTable,
  DepartmentCodesTable,
  ErpCallBucketsTable,
  FactoriesTable,
  RevokedTokensTable,
  UsersTable,
} from './tables/core.ts';
import type {
  CompanyBindingsTable,
  ErpCompaniesTable,
  ErpDeliveryAttachmentsTable,
  ErpDeliveryItemsTable,
  ErpDeliveryOrdersTable,
  ErpMaterialProgressTable,
  ErpOrderMaterialsTable,
  ErpOrdersTable,
  JobLeasesTable,
  NotificationSettingsTable,
  OrderStatusEventsTable,
  OrderStatusSnapshotsTable,
  RefreshTokensTable,
  SubscribeConsentsTable,
  SubscribeSendsTable,
  TemplateMessageLogsTable,
  UserMessagesTable,
} from './tables/mini.ts';
import type {
  ActivationCodesTable,
  AiAnalysesTable,
  AppActivationsTable,
  LoginFailuresTable,
  MobileUploadsTable,
  PhoneWhitelistTable,
  RegistrationTokensTable,
  SmsCodesTable,
  TraceBatchesTable,
  TraceLogsTable,
  UserDevicesTable,
} from './tables/mobile.ts';
import type { EpcisEventEpcsTable, EpcisEventsTable, RecallsTable, SigningKeysTable } from './tables/traceability.ts';

export type * from './tables/back-office.ts';
export type * from './tables/bi.ts';
export type * from './tables/core.ts';
export type * from './tables/mini.ts';
export type * from './tables/mobile.ts';
export type * from './tables/traceability.ts';

/**
 * The hand-written schema of tracehub's database: one interface per table.
 * Times are epoch milliseconds (number), booleans 0/1, money integer cents.
 */
export interface Database {
  factories: FactoriesTable;
  users: UsersTable;
  department_codes: DepartmentCodesTable;
  revoked_tokens: RevokedTokensTable;
  api_call_buckets: ApiCallBucketsTable;
  api_call_hours: ApiCallHoursTable;
  erp_call_buckets: ErpCallBucketsTable;
  erp_companies: ErpCompaniesTable;
  erp_orders: ErpOrdersTable;
  erp_order_materials: ErpOrderMaterialsTable;
  erp_material_progress: ErpMaterialProgressTable;
  erp_delivery_orders: ErpDeliveryOrdersTable;
  erp_delivery_items: ErpDeliveryItemsTable;
  erp_delivery_attachments: ErpDeliveryAttachmentsTable;
  company_bindings: CompanyBindingsTable;
  template_message_logs: TemplateMessageLogsTable;
  order_status_events: OrderStatusEventsTable;
  order_status_snapshots: OrderStatusSnapshotsTable;
  user_messages: UserMessagesTable;
  subscribe_consents: SubscribeConsentsTable;
  subscribe_sends: SubscribeSendsTable;
  notification_settings: NotificationSettingsTable;
  job_leases: JobLeasesTable;
  refresh_tokens: RefreshTokensTable;
  phone_whitelist: PhoneWhitelistTable;
  sms_codes: SmsCodesTable;
  registration_tokens: RegistrationTokensTable;
  login_failures: LoginFailuresTable;
  user_devices: UserDevicesTable;
  activation_codes: ActivationCodesTable;
  app_activations: AppActivationsTable;
  mobile_uploads: MobileUploadsTable;
  ai_analyses: AiAnalysesTable;
  trace_batches: TraceBatchesTable;
  trace_logs: TraceLogsTable;
  epcis_events: EpcisEventsTable;
  epcis_event_epcs: EpcisEventEpcsTable;
  recalls: RecallsTable;
  signing_keys: SigningKeysTable;
  departments: DepartmentsTable;
  materials: MaterialsTable;
  customers: CustomersTable;
  contracts: ContractsTable;
  assay_data: AssayDataTable;
  metal_prices: MetalPricesTable;
  attachments: AttachmentsTable;
  receipts: ReceiptsTable;
  settlements: SettlementsTable;
  audit_logs: AuditLogsTable;
  oauth_clients: OauthClientsTable;
  oauth_device_codes: OauthDeviceCodesTable;
  oauth_user_code_failures: OauthUserCodeFailuresTable;
  commerce_products: CommerceProductsTable;
  commerce_orders: CommerceOrdersTable;
  commerce_order_items: CommerceOrderItemsTable;
  commerce_transfers: CommerceTransfersTable;
  commerce_subscriptions: CommerceSubscriptionsTable;
  bi_sales_hours: BiSalesHoursTable;
  bi_platform_sales_hours: BiPlatformSalesHoursTable;
  bi_product_days: BiProductDaysTable;
  bi_product_hours: BiProductHoursTable;
  bi_order_counts: BiOrderCountsTable;
  bi_customer_firsts: BiCustomerFirstsTable;
  bi_platform_customer_firsts: BiPlatformCustomerFirstsTable;
  bi_customer_gaps: BiCustomerGapsTable;
  bi_platform_customer_gaps: BiPlatformCustomerGapsTable;
  bi_customer_last_hours: BiCustomerLastHoursTable;
  bi_platform_customer_last_hours: BiPlatformCustomerLastHoursTable;
  bi_customer_spend: BiCustomerSpendTable;
  bi_platform_customer_spend: BiPlatformCustomerSpendTable;
  bi_customer_prev_hours: BiCustomerPrevHoursTable;
  bi_platform_customer_prev_hours: BiPlatformCustomerPrevHoursTable;
  bi_customer_first_hours: BiCustomerFirstHoursTable;
  bi_platform_customer_first_hours: BiPlatformCustomerFirstHoursTable;
  bi_versions: BiVersionsTable;
}
