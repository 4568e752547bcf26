import { z } from 'zod';
import { lotShipmentSchema } from '../../../integrations/erp/lot-shipment.ts';
import { FSMA204_COLUMNS } from '../../../services/traces/recall/fsma204.ts';
import { epcisDocument } from '../epcis/schemas.ts';
import { genealogyLot } from '../genealogy.types.ts';

export const recallId = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).describe('Recall id');
const iso = z.string().describe('ISO 8601 UTC').meta({ format: 'date-time' });

const fsmaRow = z
  .object(Object.fromEntries(FSMA204_COLUMNS.map((c) => [c, z.union([z.string(), z.number()]).nullable()])))
  .describe('One critical tracking event with its FSMA 204 key data elements');

export const recall = z
  .object({
    id: z.number().int(),
    factoryId: z.string().nullable(),
    lot: z.string(),
    reason: z.string(),
    createdAt: iso,
    affectedLots: z.array(genealogyLot).describe('the recalled lot (depth 0) and every lot made from it'),
    truncated: z.boolean(),
    shipments: z.array(lotShipmentSchema).describe('ERP order lines that shipped an affected lot'),
    companies: z.array(z.object({ companyId: z.string(), companyName: z.string(), orders: z.array(z.string()) })),
    fsma204: z.array(fsmaRow).describe('the sortable spreadsheet’s rows; as a file at /v1/recalls/{id}/fsma204'),
    epcis: epcisDocument,
    notified: z.number().int().describe('mini-program users messaged'),
  })
  .meta({ id: 'Recall' });

export const recallSummary = z
  .object({
    id: z.number().int(),
    lot: z.string(),
    reason: z.string(),
    createdAt: iso,
    affectedLots: z.number().int(),
    companies: z.number().int(),
  })
  .meta({ id: 'RecallSummary' });
