import { getMaterialProgress } from '../../services/orders/orders.ts';
import { erpPassThrough } from './schemas.ts';

/** GET /api/materials/{material_id}/progress (spec 000) */
export const materialProgressProcedure = erpPassThrough(
  '/api/materials/{material_id}/progress',
  "A material's production progress",
  'material_id',
  getMaterialProgress,
);
