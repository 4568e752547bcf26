import { getOrderMaterials } from '../../services/orders/orders.ts';
import { erpPassThrough } from './schemas.ts';

/** GET /api/orders/{order_id}/materials (spec 000) */
export const materialsProcedure = erpPassThrough(
  '/api/orders/{order_id}/materials',
  "An order's material list",
  'order_id',
  getOrderMaterials,
);
