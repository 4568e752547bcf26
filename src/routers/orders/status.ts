import { getOrderStatus } from '../../services/orders/orders.ts';
import { erpPassThrough } from './schemas.ts';

/** GET /api/orders/{order_id}/status (spec 000) */
export const statusProcedure = erpPassThrough('/api/orders/{order_id}/status', "An order's ERP status", 'order_id', getOrderStatus);
