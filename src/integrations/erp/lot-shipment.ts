import { z } from 'zod';

/**
 * One ERP order line that shipped a GS1 lot (issue 14 §5): the wire shape of the ERP's
 * `GET /shipments` answer (checked by the HTTP client) and of a recall's `shipments` (documented
 * by the v1 API). `order_date` is ISO 8601 UTC; `quantity` is in `unit`.
 */
export const lotShipmentSchema = z
  .object({
    lot: z.string(),
    company_id: z.string(),
    company_name: z.string(),
    order_id: z.string(),
    order_no: z.string(),
    order_date: z.string(),
    material_id: z.string(),
    material_name: z.string(),
    quantity: z.number(),
    unit: z.string(),
  })
  .meta({ id: 'LotShipment' });
