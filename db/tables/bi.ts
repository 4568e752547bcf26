import type { Generated } from 'kysely';

/** Table types of db/database.ts: Spec 004: OAuth clients and device codes, the commerce tables and the BI rollups. */
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

/** The same per UTC hour (`hour_at`, migration 093): the partial days at the edges of a period. */
export interface BiProductHoursTable extends Omit<BiProductDaysTable, 'day_at'> {
  hour_at: number;
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
  /** The last counted order (migration 090); null when none. */
  last_at: number | null;
}

/**
 * Customers of a merchant per UTC hour (`hour_at`) holding a counted order of theirs, by whole
 * hours since their previous such hour (`gap`, 25 when none within 25 h): migration 090.
 */
export interface BiCustomerGapsTable {
  factory_id: string;
  hour_at: number;
  gap: number;
  customers: number;
}

/** `BiCustomerGapsTable` over the whole platform. */
export interface BiPlatformCustomerGapsTable {
  hour_at: number;
  gap: number;
  customers: number;
}

/** Customers of a merchant per UTC hour of their last counted order (migration 091). */
export interface BiCustomerLastHoursTable {
  factory_id: string;
  hour_at: number;
  customers: number;
}

/** `BiCustomerLastHoursTable` over the whole platform. */
export interface BiPlatformCustomerLastHoursTable {
  hour_at: number;
  customers: number;
}

/** A customer's counted orders, all-time spend and last four orders per merchant (migrations 092, 094; zero rows stay). */
export interface BiCustomerSpendTable extends BiPlatformCustomerSpendTable {
  factory_id: string;
}

/** `BiCustomerSpendTable` over the whole platform (a customer is an email). */
export interface BiPlatformCustomerSpendTable {
  customer_email: string;
  orders: number;
  cents: number;
  /** The last counted order (latest created_at, then status, then total): instant (epoch ms) and total; null when none. */
  last_at: number | null;
  last_cents: number | null;
  /** The second-to-last counted order; null when fewer than two. */
  prev_at: number | null;
  prev_cents: number | null;
  /** The third-to-last counted order; null when fewer than three. */
  third_at: number | null;
  third_cents: number | null;
  /** The fourth-to-last counted order's instant; null when fewer than four (migration 094). */
  fourth_at: number | null;
  /** last_cents + prev_cents (0 for none): the ranking of the report's short periods. */
  recent_cents: number;
}

/** Customers per UTC hour of their second-to-last counted order, per merchant (migration 092). */
export interface BiCustomerPrevHoursTable {
  factory_id: string;
  hour_at: number;
  customers: number;
}

/** `BiCustomerPrevHoursTable` over the whole platform. */
export interface BiPlatformCustomerPrevHoursTable {
  hour_at: number;
  customers: number;
}

/** Customers per UTC hour of their first counted order, per merchant (migration 092). */
export interface BiCustomerFirstHoursTable {
  factory_id: string;
  hour_at: number;
  customers: number;
}

/** `BiCustomerFirstHoursTable` over the whole platform. */
export interface BiPlatformCustomerFirstHoursTable {
  hour_at: number;
  customers: number;
}

/** The first counted order of a customer (email) on the whole platform; null when none. */
export interface BiPlatformCustomerFirstsTable {
  customer_email: string;
  first_at: number | null;
  /** The last counted order (migration 090); null when none. */
  last_at: number | null;
}

/**
 * The version of a scope's BI data (migration 060): `scope_id` a merchant (factory id) or '' for
 * the platform; raised by triggers whenever data a report reads changes.
 */
export interface BiVersionsTable {
  scope_id: string;
  version: number;
}
