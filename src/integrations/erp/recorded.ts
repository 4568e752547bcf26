import { ERP_ENDPOINTS, type ErpApi } from './types.ts';

/** Where each ERP call's timing goes (the metrics recorder). */
export interface ErpCallSink {
  recordErpCall(call: { endpoint: string; ok: boolean; durationMs: number; error?: string }): void;
}

/**
 * Wraps an ErpApi so that every call is timed and recorded for `GET /api/erp/status`
 * (endpoint names from ERP_ENDPOINTS, duration in ms, ok=false when it threw).
 */
export function withCallRecording(erp: ErpApi, sink: ErpCallSink): ErpApi {
  const timed =
    <A extends unknown[], R>(endpoint: string, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const start = performance.now();
      try {
        const result = await fn(...args);
        sink.recordErpCall({ endpoint, ok: true, durationMs: performance.now() - start });
        return result;
      } catch (err) {
        sink.recordErpCall({ endpoint, ok: false, durationMs: performance.now() - start, error: (err as Error).message });
        throw err;
      }
    };
  return {
    findCompanyByInviteCode: timed(ERP_ENDPOINTS.company, erp.findCompanyByInviteCode.bind(erp)),
    searchOrders: timed(ERP_ENDPOINTS.search, erp.searchOrders.bind(erp)),
    getOrderStatus: timed(ERP_ENDPOINTS.status, erp.getOrderStatus.bind(erp)),
    getOrderMaterials: timed(ERP_ENDPOINTS.materials, erp.getOrderMaterials.bind(erp)),
    getMaterialProgress: timed(ERP_ENDPOINTS.progress, erp.getMaterialProgress.bind(erp)),
    getOrderDetail: timed(ERP_ENDPOINTS.detail, erp.getOrderDetail.bind(erp)),
    listOrderStatuses: timed(ERP_ENDPOINTS.statuses, erp.listOrderStatuses.bind(erp)),
    findShipmentsOfLots: timed(ERP_ENDPOINTS.shipments, erp.findShipmentsOfLots.bind(erp)),
    ping: erp.ping.bind(erp),
  };
}
