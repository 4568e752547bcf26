import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

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
  bi_order_counts: BiOrderCountsTable;
  bi_customer_firsts: BiCustomerFirstsTable;
  bi_platform_customer_firsts: BiPlatformCustomerFirstsTable;
}

export interface FactoriesTable {
  id: string;
  name: string;
  industry: string | null;
  address: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  is_active: Generated<number>;
  created_at: number;
  /** GS1 Global Location Number (13 digits, issue 14). */
  gln?: string | null;
}

export type UserType = 'platform' | 'factory' | 'wechat';

export interface UsersTable {
  id: Generated<number>;
  factory_id: string | null;
  user_type: UserType;
  username: string | null;
  email: string | null;
  phone: string | null;
  password_hash: string | null;
  name: string | null;
  role: string;
  /** JSON array of extra permission codes granted on activation. */
  permissions: Generated<string>;
  /** The department as typed (free text); its code, when one matches, is in `department_code`. */
  department: string | null;
  /** A stable department code (`department_codes.code`): farming, processing, logistics, … */
  department_code: string | null;
  position: string | null;
  openid: string | null;
  nickname: string | null;
  avatar_url: string | null;
  is_active: Generated<number>;
  created_at: number;
  updated_at: number;
  last_login_at: number | null;
  /** Incremented by a password change or reset; access tokens of an older epoch are refused (claim `tep`). */
  token_epoch: Generated<number>;
}
export type UserRow = Selectable<UsersTable>;

/** The factory mobile app's department codes (migration 2026-12-10-002) with their display names. */
export interface DepartmentCodesTable {
  code: string;
  display_name: string;
  /** JSON array of other names that mean this department (`养殖`, `质检`, …). */
  aliases: Generated<string>;
  sort_order: number;
}
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;

export interface RevokedTokensTable {
  jti: string;
  user_id: number;
  expires_at: number;
}

/** The latency histogram columns of a call bucket: h0 ≤ 5 ms … h10 ≤ 10 s, h11 slower (src/services/metrics/buckets.ts). */
export interface HistogramColumns {
  h0: number;
  h1: number;
  h2: number;
  h3: number;
  h4: number;
  h5: number;
  h6: number;
  h7: number;
  h8: number;
  h9: number;
  h10: number;
  h11: number;
}

/** API calls of one minute per route pattern × method × status class (2 for 2xx … 5 for 5xx). */
export interface ApiCallBucketsTable extends HistogramColumns {
  /** Epoch ms of the minute's start. */
  minute: number;
  method: string;
  route: string;
  status_class: number;
  calls: number;
  sum_ms: number;
  max_ms: number;
}

/** The same per hour (count, sum, max; no histogram): what `/api/metrics/performance` reads for whole hours. */
export interface ApiCallHoursTable {
  /** Epoch ms of the (UTC) hour's start. */
  hour: number;
  method: string;
  route: string;
  status_class: number;
  calls: number;
  sum_ms: number;
  max_ms: number;
}

/** ERP calls of one minute per endpoint × outcome (ok 1/0). */
export interface ErpCallBucketsTable extends HistogramColumns {
  minute: number;
  endpoint: string;
  ok: number;
  calls: number;
  sum_ms: number;
  max_ms: number;
}

export interface ErpCompaniesTable {
  company_id: string;
  company_name: string;
  customer_id: string;
  invite_code: string;
}

export type OrderStatus = 'pending' | 'producing' | 'shipped' | 'completed' | 'cancelled';

export interface ErpOrdersTable {
  order_id: string;
  order_no: string;
  company_id: string;
  customer_name: string;
  order_date: string;
  status: OrderStatus;
  total_amount_cents: number;
  delivery_date: string | null;
  remark: string | null;
  updated_at: number;
}

export interface ErpOrderMaterialsTable {
  material_id: string;
  order_id: string;
  material_code: string;
  material_name: string;
  specification: string | null;
  quantity: number;
  unit: string;
  status: string;
  seq: number;
}

export interface ErpMaterialProgressTable {
  id: Generated<number>;
  material_id: string;
  seq: number;
  step_name: string;
  status: string;
  operator: string | null;
  started_at: string | null;
  completed_at: string | null;
  note: string | null;
}

/** One shipment (发运单) of an ERP order. */
export interface ErpDeliveryOrdersTable {
  delivery_id: string;
  order_id: string;
  seq: number;
  delivery_no: string;
  /** YYYY-MM-DD. */
  delivery_date: string;
  logistics_company: string | null;
  /** The waybill number. */
  logistics_code: string | null;
  address: string | null;
  remark: string | null;
}

export interface ErpDeliveryItemsTable {
  delivery_id: string;
  seq: number;
  product_name: string;
  spec: string | null;
  quantity: number;
  unit: string | null;
}

export interface ErpDeliveryAttachmentsTable {
  delivery_id: string;
  seq: number;
  url: string;
}

export interface CompanyBindingsTable {
  user_id: number;
  company_id: string;
  company_name: string;
  customer_id: string;
  bound_at: number;
}

export interface TemplateMessageLogsTable {
  id: Generated<number>;
  user_id: number;
  openid: string;
  template_id: string;
  page: string | null;
  data: string;
  status: 'sent' | 'failed';
  msgid: string | null;
  error: string | null;
  created_at: number;
}

// ---- order-status notifications (mini) ----

export interface OrderStatusEventsTable {
  id: Generated<number>;
  company_id: string;
  order_id: string;
  order_no: string;
  from_status: string;
  to_status: string;
  /** `erp`: the embedded ERP's trigger; `poll`: the HTTP ERP poller. */
  source: 'erp' | 'poll';
  /** `poll:<company>:<order>:<version>` for polled changes; null for the trigger's. */
  dedupe_key: string | null;
  created_at: number;
  claimed_by: string | null;
  claim_until: number | null;
  processed_at: number | null;
}

export interface OrderStatusSnapshotsTable {
  company_id: string;
  order_id: string;
  status: string;
  version: number;
  updated_at: number;
}

export type UserMessageType = 'order_status' | 'system';

export interface UserMessagesTable {
  id: Generated<number>;
  user_id: number;
  type: UserMessageType;
  title: string;
  content: string;
  order_id: string | null;
  order_no: string | null;
  status: string | null;
  previous_status: string | null;
  event_id: number | null;
  is_read: Generated<number>;
  read_at: number | null;
  cleared_at: number | null;
  created_at: number;
}

export interface SubscribeConsentsTable {
  user_id: number;
  template_id: string;
  /** Sends left: each `accept` adds one, each send takes one. */
  remaining: number;
  accepted_total: number;
  last_result: 'accept' | 'reject' | 'ban' | 'filter';
  updated_at: number;
}

export type SubscribeSendStatus = 'pending' | 'sent' | 'refused' | 'failed' | 'no_consent';

export interface SubscribeSendsTable {
  id: Generated<number>;
  event_id: number;
  user_id: number;
  template_id: string;
  status: SubscribeSendStatus;
  msgid: string | null;
  errcode: number | null;
  error: string | null;
  created_at: number;
  finished_at: number | null;
}

export interface NotificationSettingsTable {
  user_id: number;
  order_status: number;
  wechat_push: number;
  /** Comma list of the order statuses to be told about. */
  statuses: string;
  updated_at: number;
}

export interface JobLeasesTable {
  name: string;
  holder: string;
  lease_until: number;
}

export interface RefreshTokensTable {
  /** SHA-256 of the opaque token, hex; the token itself is never stored. */
  token_hash: string;
  family_id: string;
  user_id: number;
  /** Who it was issued to: `mobile`, `v1`, `oauth:<client_id>`. */
  client: string;
  device_id: string | null;
  expires_at: number;
  created_at: number;
  rotated_at: number | null;
  revoked_at: number | null;
}

// ---- mobile ----

export interface PhoneWhitelistTable {
  id: Generated<number>;
  factory_id: string;
  /** E.164, `+86…`. */
  phone: string;
  /** Epoch ms; null never expires. */
  expires_at: number | null;
  created_by: number | null;
  created_at: number;
}

export interface SmsCodesTable {
  id: Generated<number>;
  phone: string;
  purpose: string;
  /** HMAC-SHA256 of phone, purpose and code, hex; the code itself is never stored. */
  code_hash: string;
  attempts: Generated<number>;
  expires_at: number;
  consumed_at: number | null;
  created_at: number;
}

export interface RegistrationTokensTable {
  /** SHA-256 of the tempToken, hex. */
  token_hash: string;
  phone: string;
  factory_id: string;
  expires_at: number;
  used_at: number | null;
  created_at: number;
}

export interface LoginFailuresTable {
  /** `u:<user id>` or `login:<typed login>` (the account), `<account>|ip:<address>`, or `ip:<address>`. */
  key: string;
  /** Attempts counted (reserved) since the key was last cleared or forgotten. */
  failures: number;
  /** Epoch ms of the last counted attempt. */
  last_at: number;
  /** Epoch ms until which the key refuses attempts; null when not locked. */
  locked_until: number | null;
}

export interface UserDevicesTable {
  id: Generated<number>;
  user_id: number;
  device_id: string;
  device_model: string | null;
  platform: string | null;
  os_version: string | null;
  /** SHA-256 of the device token, hex. */
  token_hash: string;
  created_at: number;
  last_login_at: number | null;
}

export interface ActivationCodesTable {
  code: string;
  description: string | null;
  max_uses: number;
  used_count: Generated<number>;
  expires_at: number | null;
  is_active: Generated<number>;
  created_at: number;
}

export interface AppActivationsTable {
  id: Generated<number>;
  code: string;
  device_id: string;
  device_model: string | null;
  activated_at: number;
}

export interface MobileUploadsTable {
  id: Generated<number>;
  user_id: number;
  factory_id: string | null;
  /** Random name inside the storage; never derived from the client's file name. */
  storage_key: string;
  original_name: string;
  mime_type: string;
  size_bytes: number;
  category: string | null;
  /** JSON text as the client sent it, or null. */
  metadata: string | null;
  created_at: number;
}

export interface AiAnalysesTable {
  id: Generated<number>;
  user_id: number;
  request_id: string;
  input: string;
  result: string;
  model: string;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  created_at: number;
}
// ---- traces ----

export type TraceStatus = 'active' | 'archived';
export type TraceEventType = 'harvest' | 'processing' | 'inspection' | 'storage' | 'shipping';

/** A factory's product lot (spec 003 "trace batch"); `code` is its public code. */
export interface TraceBatchesTable {
  id: Generated<number>;
  factory_id: string;
  code: string;
  name: string;
  product_id: string;
  quantity: number;
  /** kg per unit. */
  unit_weight: number;
  harvest_date: number;
  farm_id: string;
  status: Generated<TraceStatus>;
  /** GS1 GTIN-14 (issue 14), null when the batch has no GS1 identity. */
  gtin: string | null;
  /** GS1 AI 10 batch/lot number, with `gtin`. */
  lot: string | null;
  created_at: number;
  updated_at: number;
}
export type TraceBatchRow = Selectable<TraceBatchesTable>;

/** One time-ordered event of a trace batch. */
export interface TraceLogsTable {
  id: Generated<number>;
  trace_id: number;
  event_type: TraceEventType;
  occurred_at: number;
  operator: string | null;
  location: string | null;
  notes: string | null;
  created_at: number;
}
export type TraceLogRow = Selectable<TraceLogsTable>;

/** One captured EPCIS 2.0 event (issue 14), immutable; `event_json` is the event as captured. */
export interface EpcisEventsTable {
  id: Generated<number>;
  factory_id: string;
  /** The eventID, or the CBV 2.0 event hash when the document had none; unique per factory. */
  event_id: string;
  /** The CBV 2.0 event hash (`ni:///sha-256;…?ver=CBV2.0`), always computed. */
  event_hash: string;
  event_type: string;
  /** eventTime, epoch ms. */
  event_time: number;
  biz_step: string | null;
  disposition: string | null;
  read_point: string | null;
  biz_location: string | null;
  /** 1 for an error declaration (a correction of the event with the same event_id), else 0. */
  error_declared: Generated<number>;
  event_json: string;
  recorded_at: number;
}
export type EpcisEventRow = Selectable<EpcisEventsTable>;

/** An EPC or EPC class an EPCIS event names, with its role in the event. */
export type EpcisEpcRole = 'epc' | 'input' | 'output' | 'child' | 'parent' | 'quantity';
export interface EpcisEventEpcsTable {
  event_row_id: number;
  factory_id: string;
  epc: string;
  /** 1 for an EPC class (a quantity element's epcClass), 0 for an instance EPC. */
  is_class: number;
  role: EpcisEpcRole;
}
// ---- admin ----

export interface DepartmentsTable {
  id: Generated<number>;
  factory_id: string;
  name: string;
  short_name: string | null;
  full_name: string | null;
  /** 1 branch factory (分厂), 2 department under a branch factory. */
  level: number;
  parent_id: number | null;
  phone: string | null;
  created_at: number;
  updated_at: number;
}

export interface MaterialsTable {
  id: Generated<number>;
  factory_id: string;
  name: string;
  code: string;
  full_name: string | null;
  purpose: string;
  created_at: number;
  updated_at: number;
}

export interface CustomersTable {
  id: Generated<number>;
  factory_id: string;
  name: string;
  code: string;
  full_name: string | null;
  customer_type: string;
  phone: string | null;
  address: string | null;
  created_at: number;
  updated_at: number;
}

export interface ContractsTable {
  id: Generated<number>;
  factory_id: string;
  contract_type: string;
  contract_number: string;
  customer_id: number | null;
  material_id: number | null;
  /** Spec 001's contract `factory_id` (分厂ID): a level-1 department of the tenant. */
  branch_id: number | null;
  responsible_id: number | null;
  /** YYYY-MM-DD */
  sign_date: string | null;
  expiry_date: string | null;
  tax_rate: Generated<number>;
  pricing_method: string;
  coefficient: number | null;
  status: Generated<string>;
  created_at: number;
  updated_at: number;
  /** Pricing terms (issue 15): yuan per tonne in cents, for `weight` and `gross_weight`. */
  unit_price_cents: number | null;
  /** Yuan per dry tonne in cents, for `processing`. */
  processing_fee_cents: number | null;
  /** The metal whose quotes price a `content` contract (default 1#锌). */
  price_metal_type: string | null;
  /** The quotation period of a `content` contract, YYYY-MM-DD, inclusive. */
  quote_start_date: string | null;
  quote_end_date: string | null;
  /** JSON `{deductions, credits}` (src/services/smelter/contract-terms.ts). */
  price_terms: Generated<string>;
}

export interface AssayDataTable {
  id: Generated<number>;
  factory_id: string;
  sample_name: string;
  /** Spec 001's assay `factory_id` (分厂ID): a level-1 department of the tenant. */
  branch_id: number | null;
  water_content: number | null;
  zinc_content: number | null;
  lead_content: number | null;
  chlorine_content: number | null;
  fluorine_content: number | null;
  iron_content: number | null;
  silicon_content: number | null;
  sulfur_content: number | null;
  high_heat: number | null;
  low_heat: number | null;
  silver_content: number | null;
  recovery_rate: number | null;
  remarks: string | null;
  created_by: number | null;
  created_at: number;
  updated_at: number;
}

export interface MetalPricesTable {
  id: Generated<number>;
  factory_id: string;
  metal_type: Generated<string>;
  /** YYYY-MM-DD */
  quote_date: string;
  /** Yuan per tonne, in cents (fen). */
  high_price_cents: number | null;
  low_price_cents: number | null;
  average_price_cents: number;
  price_change_cents: number;
  created_at: number;
  updated_at: number;
}

export interface AttachmentsTable {
  id: Generated<number>;
  factory_id: string;
  related_type: string;
  related_id: number;
  /** Random name of the stored file inside ATTACHMENTS_DIR; nothing from the client. */
  storage_name: string;
  /** Logical path shown to clients (naming rule); never opened. */
  file_path: string;
  original_name: string;
  file_type: string;
  mime_type: string;
  /** Bytes. */
  file_size: number;
  created_by: number | null;
  created_at: number;
}

// ---- bi ----

export type DeviceCodeStatus = 'pending' | 'approved' | 'denied' | 'consumed';

/** An RFC 8628 device authorization. */
/** OAuth public clients allowed to use the device flow (RFC 8628), managed by platform admins. */
export interface OauthClientsTable {
  client_id: string;
  name: string;
  is_active: Generated<number>;
  /** The platform admin who registered it; null for clients registered at start or by the seed. */
  created_by: number | null;
  created_at: number;
  updated_at: number;
}

export interface OauthDeviceCodesTable {
  /** SHA-256 of the device_code, hex. */
  device_code_hash: string;
  /** 8 letters of BCDFGHJKLMNPQRSTVWXZ, stored without the dash. */
  user_code: string;
  client_id: string;
  scope: string | null;
  status: DeviceCodeStatus;
  user_id: number | null;
  /** Current polling interval in seconds (grows by 5 on each slow_down). */
  interval_s: number;
  last_polled_at: number | null;
  expires_at: number;
  created_at: number;
  decided_at: number | null;
}

/** One wrong user-code entry on the /device page, keyed by session or client IP. */
export interface OauthUserCodeFailuresTable {
  id: Generated<number>;
  key: string;
  at: number;
}

export type ProductStatus = 'active' | 'inactive' | 'archived';
export type CommerceOrderStatus = 'pending' | 'paid' | 'shipped' | 'delivered' | 'cancelled';

export interface CommerceProductsTable {
  id: string;
  /** The merchant. */
  factory_id: string;
  name: string;
  price_cents: number;
  currency: string;
  stock_quantity: number;
  status: ProductStatus;
  created_at: number;
}

export interface CommerceOrdersTable {
  id: string;
  order_number: string;
  factory_id: string;
  customer_email: string;
  customer_name: string | null;
  status: CommerceOrderStatus;
  subtotal_cents: number;
  shipping_fee_cents: number;
  tax_cents: number;
  total_cents: number;
  currency: string;
  created_at: number;
  updated_at: number;
}

export interface CommerceOrderItemsTable {
  id: Generated<number>;
  order_id: string;
  product_id: string;
  product_name: string;
  quantity: number;
  unit_price_cents: number;
  total_cents: number;
}

export interface CommerceTransfersTable {
  id: Generated<number>;
  factory_id: string;
  amount_cents: number;
  status: 'pending' | 'completed';
  created_at: number;
  completed_at: number | null;
}

export interface CommerceSubscriptionsTable {
  id: Generated<number>;
  factory_id: string;
  plan: string;
  /** Price per billing interval. */
  amount_cents: number;
  billing_interval: 'month' | 'year';
  started_at: number;
  cancelled_at: number | null;
}

// ---- bi rollups (migration 042, maintained by triggers; read-only for the application) ----

/** Counted orders (paid, shipped, delivered) of a merchant in a UTC hour starting at `hour_at` (epoch ms). */
export interface BiSalesHoursTable {
  factory_id: string;
  hour_at: number;
  orders: number;
  cents: number;
}

/** Counted orders of all merchants in a UTC hour. */
export interface BiPlatformSalesHoursTable {
  hour_at: number;
  orders: number;
  cents: number;
}

/** Items of a merchant's counted orders in a UTC day (`day_at`) per product: quantity, cents, distinct orders. */
export interface BiProductDaysTable {
  factory_id: string;
  day_at: number;
  product_id: string;
  quantity: number;
  cents: number;
  orders: number;
}

/** Orders of a merchant per status (every status). */
export interface BiOrderCountsTable {
  factory_id: string;
  status: CommerceOrderStatus;
  orders: number;
}

/** The first counted order of a customer (email) with a merchant, epoch ms; null when none. */
export interface BiCustomerFirstsTable {
  factory_id: string;
  customer_email: string;
  first_at: number | null;
}

/** The first counted order of a customer (email) on the whole platform; null when none. */
export interface BiPlatformCustomerFirstsTable {
  customer_email: string;
  first_at: number | null;
}

/** A material receipt (issue 15): one weighed truckload under a contract. Weights in grams. */
export interface ReceiptsTable {
  id: Generated<number>;
  factory_id: string;
  contract_id: number;
  material_id: number | null;
  vehicle_plate: string;
  gross_weight_g: number;
  tare_weight_g: number;
  net_weight_g: number;
  weighed_at: number;
  weighbridge_operator: string;
  /** received → sampled → assayed → settled */
  status: Generated<string>;
  sample_name: string | null;
  assay_id: number | null;
  settlement_id: number | null;
  remarks: string | null;
  created_by: number | null;
  created_at: number;
  updated_at: number;
}

/** A confirmed settlement of a set of receipts under one contract; amounts in cents. */
export interface SettlementsTable {
  id: Generated<number>;
  factory_id: string;
  contract_id: number;
  /** Receipt ids ascending, comma-joined (unique per contract: idempotent confirmation). */
  receipt_key: string;
  pricing_method: string;
  amount_excl_tax_cents: number;
  tax_cents: number;
  amount_incl_tax_cents: number;
  /** JSON of the calculation, exact decimal strings. */
  calculation: string;
  created_by: number | null;
  created_at: number;
}

/** One change of a contract, receipt, assay record or settlement, written in the change's transaction. */
export interface AuditLogsTable {
  id: Generated<number>;
  factory_id: string;
  entity_type: string;
  entity_id: number;
  /** The contract the entity belongs to, for per-contract logs. */
  contract_id: number | null;
  /** create | update | delete | state */
  action: string;
  actor_id: number | null;
  /** JSON of the entity before and after the change (null for create / delete). */
  before: string | null;
  after: string | null;
  created_at: number;
}
