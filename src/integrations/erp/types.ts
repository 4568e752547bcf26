import type { z } from 'zod';
import type { lotShipmentSchema } from './lot-shipment.ts';
/**
 * What tracehub needs of the customers' ERP (spec 000 "订单相关"). Every lookup is scoped by the
 * caller's bound company: an order or material of another company answers null, as if absent.
 * Status, material and progress objects are passed through to the mini-program as the ERP sends
 * them ("原样透传").
 */
export interface ErpApi {
  /** @returns the company whose WeChat invite code is `inviteCode`, or null. */
  findCompanyByInviteCode(inviteCode: string): Promise<ErpCompany | null>;
  /** Newest orders first. `page` from 1; `pageSize` rows at most. */
  searchOrders(query: OrderSearchQuery): Promise<{ orders: ErpOrderSummary[]; total: number }>;
  getOrderStatus(companyId: string, orderId: string): Promise<Record<string, unknown> | null>;
  getOrderMaterials(companyId: string, orderId: string): Promise<Record<string, unknown> | null>;
  getMaterialProgress(companyId: string, materialId: string): Promise<Record<string, unknown> | null>;
  /**
   * The order whose id, else whose number, is `idOrNo`, with its delivery orders (发运单) in
   * shipping order; null when absent or another company's.
   */
  getOrderDetail(companyId: string, idOrNo: string): Promise<ErpOrderDetail | null>;
  /** One page (from 1) of the company's orders with their current status, oldest first: what the status poller compares. */
  listOrderStatuses(companyId: string, page: number, pageSize: number): Promise<{ orders: ErpOrderStatusRow[]; total: number }>;
  /**
   * The order lines that shipped any of `lots` (GS1 lots: LGTIN URNs or Digital Link URIs, as the
   * EPCIS events name them), across every company, oldest order first (issue 14 §5 recall).
   */
  findShipmentsOfLots(lots: readonly string[]): Promise<ErpLotShipment[]>;
  /** Reachability probe for the health check; never throws. */
  ping(): Promise<boolean>;
}

/** One order line that shipped a lot: who received it, on which order (lot-shipment.ts). */
export type ErpLotShipment = z.infer<typeof lotShipmentSchema>;

export interface ErpCompany {
  companyId: string;
  companyName: string;
  customerId: string;
  /** The ERP's `微信邀请码`; the binding service checks it equals the caller's input. */
  inviteCode: string;
}

export const ORDER_STATUSES = ['pending', 'producing', 'shipped', 'completed', 'cancelled'] as const;
export type ErpOrderStatus = (typeof ORDER_STATUSES)[number];
/** How the mini-program names each status. */
export const ORDER_STATUS_TEXT: Record<ErpOrderStatus, string> = {
  pending: '待生产',
  producing: '生产中',
  shipped: '已发货',
  completed: '已完成',
  cancelled: '已取消',
};

export interface OrderSearchQuery {
  companyId: string;
  keyword?: string | undefined;
  status?: ErpOrderStatus | undefined;
  page: number;
  pageSize: number;
}

/** One row of spec 000's `orders` array. */
export interface ErpOrderSummary {
  order_id: string;
  order_no: string;
  customer_name: string;
  order_date: string;
  status: string;
  materials: { material_id: string; material_code: string; status: string }[];
}

/** An order with its shipments, for the mini-program's order detail page. */
export interface ErpOrderDetail {
  order_id: string;
  order_no: string;
  customer_name: string;
  /** The order amount in integer cents (分); exact. */
  amount_cents: number;
  /** ISO 8601. */
  order_date: string;
  /** When the ERP created the order, ISO 8601. */
  created_at: string;
  status: string;
  /** Promised delivery date, YYYY-MM-DD. */
  delivery_date: string | null;
  remark: string | null;
  delivery_orders: ErpDeliveryOrder[];
}

/** One shipment (发运单) of an order. */
export interface ErpDeliveryOrder {
  delivery_no: string;
  /** YYYY-MM-DD. */
  delivery_date: string;
  logistics_company: string | null;
  /** The waybill number. */
  logistics_code: string | null;
  address: string | null;
  remark: string | null;
  /** Photo URLs (delivery notes, loaded trucks). */
  attachments: string[];
  products: { productName: string; spec: string | null; quantity: number }[];
}

export interface ErpOrderStatusRow {
  order_id: string;
  order_no: string;
  status: string;
}

/** Names under which ERP calls are timed and reported by `/api/erp/status`. */
export const ERP_ENDPOINTS = {
  company: 'GET /companies',
  search: 'GET /orders',
  status: 'GET /orders/{id}/status',
  materials: 'GET /orders/{id}/materials',
  progress: 'GET /materials/{id}/progress',
  detail: 'GET /orders/{id}/detail',
  statuses: 'GET /orders/statuses',
  shipments: 'GET /shipments',
} as const;

/** The ERP could not answer (network, timeout, 5xx, open circuit). */
export class ErpUnavailableError extends Error {
  override name = 'ErpUnavailableError';
}
