import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The hand-written schema of tracehub's database: one interface per table.
 * Times are epoch milliseconds (number), booleans 0/1, money integer cents.
 */
export interface Database {
  factories: FactoriesTable;
  users: UsersTable;
  revoked_tokens: RevokedTokensTable;
  api_calls: ApiCallsTable;
  erp_calls: ErpCallsTable;
  erp_companies: ErpCompaniesTable;
  erp_orders: ErpOrdersTable;
  erp_order_materials: ErpOrderMaterialsTable;
  erp_material_progress: ErpMaterialProgressTable;
  company_bindings: CompanyBindingsTable;
  template_message_logs: TemplateMessageLogsTable;
  refresh_tokens: RefreshTokensTable;
  oauth_device_codes: OauthDeviceCodesTable;
  oauth_user_code_failures: OauthUserCodeFailuresTable;
  commerce_products: CommerceProductsTable;
  commerce_orders: CommerceOrdersTable;
  commerce_order_items: CommerceOrderItemsTable;
  commerce_transfers: CommerceTransfersTable;
  commerce_subscriptions: CommerceSubscriptionsTable;
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
  department: string | null;
  position: string | null;
  openid: string | null;
  nickname: string | null;
  avatar_url: string | null;
  is_active: Generated<number>;
  created_at: number;
  updated_at: number;
  last_login_at: number | null;
}
export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;

export interface RevokedTokensTable {
  jti: string;
  user_id: number;
  expires_at: number;
}

export interface ApiCallsTable {
  id: Generated<number>;
  ts: number;
  method: string;
  route: string;
  status: number;
  duration_ms: number;
}

export interface ErpCallsTable {
  id: Generated<number>;
  ts: number;
  endpoint: string;
  ok: number;
  duration_ms: number;
  error: string | null;
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

// ---- bi ----

export type DeviceCodeStatus = 'pending' | 'approved' | 'denied' | 'consumed';

/** An RFC 8628 device authorization. */
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
