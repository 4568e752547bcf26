import type { AppDeps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import {
  type ErpDeliveryOrder,
  type ErpOrderStatus,
  type ErpOrderSummary,
  ErpUnavailableError,
  ORDER_STATUS_TEXT,
} from '../../integrations/erp/types.ts';
import { toMajor } from '../analytics/money.ts';
import type { Principal } from '../identity/principal.ts';
import { requireCompany } from '../identity/wechat/company-binding.ts';
import { OrderSearchCache } from './search-cache.ts';

type Deps = Pick<AppDeps, 'db' | 'erp' | 'orderCache'>;

/** The caller of an order read: its binding (Principal.companyId) scopes every read to its company. */
export type OrderCaller = Pick<Principal, 'companyId'>;

export interface OrderSearchInput {
  keyword?: string | undefined;
  status?: ErpOrderStatus | undefined;
  page: number;
  pageSize: number;
}

export interface OrderSearchResult {
  orders: ErpOrderSummary[];
  total: number;
  page: number;
  pageSize: number;
  /** Whether a next page exists: `page × pageSize < total` (the original mini-program pages on it). */
  hasMore: boolean;
  /** When the ERP was queried (or the cached answer was), epoch ms. */
  queryTime: number;
  cacheHit: boolean;
}

/**
 * Spec 000 `GET /api/orders/search`: the bound company's orders, newest first, read through the
 * short-lived search cache.
 * @throws AppError COMPANY_NOT_BOUND, SERVICE_UNAVAILABLE (ERP down and nothing cached).
 */
export async function searchOrders(deps: Deps, caller: OrderCaller, input: OrderSearchInput): Promise<OrderSearchResult> {
  const query = {
    companyId: requireCompany(caller),
    keyword: input.keyword?.trim() || undefined,
    status: input.status,
    page: input.page,
    pageSize: input.pageSize,
  };
  const key = OrderSearchCache.key(query);
  const paging = (total: number) => ({ page: query.page, pageSize: query.pageSize, hasMore: query.page * query.pageSize < total });
  const cached = deps.orderCache.get(key);
  if (cached) return { ...cached, ...paging(cached.total), cacheHit: true };
  const result = await erpCall(() => deps.erp.searchOrders(query));
  const entry = { ...result, queryTime: Date.now() };
  deps.orderCache.set(key, entry);
  return { ...entry, ...paging(entry.total), cacheHit: false };
}

/** The order detail page's data (REAL-CLIENTS.md "Order detail"). */
export interface OrderDetail {
  order_id: string;
  order_no: string;
  customer_name: string;
  /** Yuan, exact to the cent (from integer cents). */
  rmb_amount: number;
  created_at: string;
  order_date: string;
  status: string;
  status_text: string;
  delivery_date: string | null;
  remark: string | null;
  delivery_orders: ErpDeliveryOrder[];
}

/**
 * `GET /api/orders/{order_id}/detail`: an order of the caller's bound company, by its id or its
 * number, with its delivery orders (carrier, waybill number, address, photos, product lines).
 * @throws AppError COMPANY_NOT_BOUND, NOT_FOUND (absent or another company's), SERVICE_UNAVAILABLE.
 */
export async function getOrderDetail(deps: Deps, caller: OrderCaller, idOrNo: string): Promise<OrderDetail> {
  const company_id = requireCompany(caller);
  const o = found(await erpCall(() => deps.erp.getOrderDetail(company_id, idOrNo)), '订单', idOrNo);
  return {
    order_id: o.order_id,
    order_no: o.order_no,
    customer_name: o.customer_name,
    rmb_amount: toMajor(o.amount_cents),
    created_at: o.created_at,
    order_date: o.order_date,
    status: o.status,
    status_text: ORDER_STATUS_TEXT[o.status as ErpOrderStatus] ?? o.status,
    delivery_date: o.delivery_date,
    remark: o.remark,
    delivery_orders: o.delivery_orders,
  };
}

/**
 * Spec 000 `GET /api/orders/{order_id}/status`: the ERP's status object, passed through.
 * @throws AppError COMPANY_NOT_BOUND, NOT_FOUND (absent or another company's), SERVICE_UNAVAILABLE.
 */
export async function getOrderStatus(deps: Deps, caller: OrderCaller, orderId: string): Promise<Record<string, unknown>> {
  const company_id = requireCompany(caller);
  return found(await erpCall(() => deps.erp.getOrderStatus(company_id, orderId)), '订单', orderId);
}

/** Spec 000 `GET /api/orders/{order_id}/materials`; errors as getOrderStatus. */
export async function getOrderMaterials(deps: Deps, caller: OrderCaller, orderId: string): Promise<Record<string, unknown>> {
  const company_id = requireCompany(caller);
  return found(await erpCall(() => deps.erp.getOrderMaterials(company_id, orderId)), '订单', orderId);
}

/** Spec 000 `GET /api/materials/{material_id}/progress`; errors as getOrderStatus. */
export async function getMaterialProgress(deps: Deps, caller: OrderCaller, materialId: string): Promise<Record<string, unknown>> {
  const company_id = requireCompany(caller);
  return found(await erpCall(() => deps.erp.getMaterialProgress(company_id, materialId)), '物料', materialId);
}

function found<T>(value: T | null, entity: string, id: string): T {
  if (value === null) throw new AppError('NOT_FOUND', `${entity}不存在`, [{ field: 'id', message: `${id} not found` }]);
  return value;
}

async function erpCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ErpUnavailableError) throw new AppError('SERVICE_UNAVAILABLE', 'ERP 服务暂不可用，请稍后再试', [], { cause: err });
    throw err;
  }
}
