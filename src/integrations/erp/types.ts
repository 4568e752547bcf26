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
  /** Reachability probe for the health check; never throws. */
  ping(): Promise<boolean>;
}

export interface ErpCompany {
  companyId: string;
  companyName: string;
  customerId: string;
  /** The ERP's `微信邀请码`; the binding service checks it equals the caller's input. */
  inviteCode: string;
}

export const ORDER_STATUSES = ['pending', 'producing', 'shipped', 'completed', 'cancelled'] as const;
export type ErpOrderStatus = (typeof ORDER_STATUSES)[number];

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

/** Names under which ERP calls are timed and reported by `/api/erp/status`. */
export const ERP_ENDPOINTS = {
  company: 'GET /companies',
  search: 'GET /orders',
  status: 'GET /orders/{id}/status',
  materials: 'GET /orders/{id}/materials',
  progress: 'GET /materials/{id}/progress',
} as const;

/** The ERP could not answer (network, timeout, 5xx, open circuit). */
export class ErpUnavailableError extends Error {
  override name = 'ErpUnavailableError';
}
