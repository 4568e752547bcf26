import type { AppDeps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { type ErpOrderStatus, type ErpOrderSummary, ErpUnavailableError } from '../../integrations/erp/types.ts';
import { requireBinding } from '../bindings/company-binding.ts';
import { OrderSearchCache } from './search-cache.ts';

type Deps = Pick<AppDeps, 'db' | 'erp' | 'orderCache'>;

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
  /** When the ERP was queried (or the cached answer was), epoch ms. */
  queryTime: number;
  cacheHit: boolean;
}

/**
 * Spec 000 `GET /api/orders/search`: the bound company's orders, newest first, read through the
 * short-lived search cache.
 * @throws AppError COMPANY_NOT_BOUND, SERVICE_UNAVAILABLE (ERP down and nothing cached).
 */
export async function searchOrders(deps: Deps, userId: number, input: OrderSearchInput): Promise<OrderSearchResult> {
  const binding = await requireBinding(deps.db, userId);
  const query = {
    companyId: binding.company_id,
    keyword: input.keyword?.trim() || undefined,
    status: input.status,
    page: input.page,
    pageSize: input.pageSize,
  };
  const key = OrderSearchCache.key(query);
  const cached = deps.orderCache.get(key);
  if (cached) return { ...cached, page: query.page, pageSize: query.pageSize, cacheHit: true };
  const result = await erpCall(() => deps.erp.searchOrders(query));
  const entry = { ...result, queryTime: Date.now() };
  deps.orderCache.set(key, entry);
  return { ...entry, page: query.page, pageSize: query.pageSize, cacheHit: false };
}

/**
 * Spec 000 `GET /api/orders/{order_id}/status`: the ERP's status object, passed through.
 * @throws AppError COMPANY_NOT_BOUND, NOT_FOUND (absent or another company's), SERVICE_UNAVAILABLE.
 */
export async function getOrderStatus(deps: Deps, userId: number, orderId: string): Promise<Record<string, unknown>> {
  const { company_id } = await requireBinding(deps.db, userId);
  return found(await erpCall(() => deps.erp.getOrderStatus(company_id, orderId)), '订单', orderId);
}

/** Spec 000 `GET /api/orders/{order_id}/materials`; errors as getOrderStatus. */
export async function getOrderMaterials(deps: Deps, userId: number, orderId: string): Promise<Record<string, unknown>> {
  const { company_id } = await requireBinding(deps.db, userId);
  return found(await erpCall(() => deps.erp.getOrderMaterials(company_id, orderId)), '订单', orderId);
}

/** Spec 000 `GET /api/materials/{material_id}/progress`; errors as getOrderStatus. */
export async function getMaterialProgress(deps: Deps, userId: number, materialId: string): Promise<Record<string, unknown>> {
  const { company_id } = await requireBinding(deps.db, userId);
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
