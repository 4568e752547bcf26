import type { Generated } from 'kysely';
import type { ErpDeliveryOrder } from '../../src/integrations/erp/types.ts';

/** Table types of db/database.ts: The embedded ERP, the mini-program's bindings and messages, order-status notifications, job leases and refresh tokens. */
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
  /** The GS1 lot the line shipped (LGTIN URN or Digital Link URI), when the ERP knows it (issue 14). */
  lot: string | null;
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
/** A shipment of the embedded ERP's order, as the ERP's API describes it (less its photos and lines). */
export interface ErpDeliveryOrdersTable extends Omit<ErpDeliveryOrder, 'attachments' | 'products'> {
  delivery_id: string;
  order_id: string;
  seq: number;
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
