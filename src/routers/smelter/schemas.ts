import { z } from 'zod';
import { ASSAY_VALUES } from '../../services/master-data/assay-data.ts';
import { AUDIT_ACTIONS, AUDITED_ENTITIES } from '../../services/smelter/audit.ts';
import { hasAtMostDecimals } from '../../services/smelter/decimal.ts';
import { RECEIPT_STATUSES } from '../../services/smelter/receipts.ts';
import { id, isoDate, isoTime } from '../master-data/schemas.ts';

/** Zod schemas of issue 15's operations (receipts, settlements, audit logs, contract terms). */

const decimals = (dp: number) => (n: number) => hasAtMostDecimals(n, dp);
/** Yuan with at most two decimals. */
export const yuanInput = z.number().min(0).max(100_000_000).refine(decimals(2), 'at most 2 decimals');
/** kg with at most three decimals (a gram). */
const kgInput = z.number().min(0).max(1_000_000).refine(decimals(3), 'at most 3 decimals');
/** Exact decimal string in yuan (`"60088.00"`). */
const money = z
  .string()
  .regex(/^-?\d+\.\d{2}$/)
  .meta({ example: '60088.00' })
  .describe('yuan, exact decimal string');
const page = z.number().int().min(1).max(1_000_000).default(1);
const perPage = z.number().int().min(1).default(20).describe('clamped to 100');

export const priceTerm = z.object({
  element: z.enum(ASSAY_VALUES).meta({ example: 'lead_content' }),
  threshold: z.number().min(0).max(1_000_000).meta({ example: 2 }).describe('% (g/t for silver)'),
  step: z.number().positive().max(1_000_000).meta({ example: 1 }).describe('per how much above the threshold'),
  amount_per_step: yuanInput.meta({ example: 30 }).describe('yuan per dry tonne per step'),
});

/** The pricing fields of a contract write (all optional: what a method needs is checked when settling). */
export const termsWrite = {
  unit_price: yuanInput.nullable().optional().meta({ example: 1850 }).describe('yuan per tonne (weight, gross_weight)'),
  processing_fee: yuanInput.nullable().optional().describe('yuan per dry tonne (processing)'),
  metal_type: z.string().trim().min(1).max(50).nullable().optional().describe('quoted metal of a content contract, default 1#锌'),
  quote_start_date: isoDate.nullable().optional().meta({ example: '2024-01-29' }),
  quote_end_date: isoDate.nullable().optional().meta({ example: '2024-02-02' }),
  deductions: z.array(priceTerm).max(20).optional(),
  credits: z.array(priceTerm).max(20).optional(),
};

export const termsOutput = {
  unit_price: z.number().nullable(),
  processing_fee: z.number().nullable(),
  metal_type: z.string().nullable(),
  quote_start_date: z.string().nullable(),
  quote_end_date: z.string().nullable(),
  deductions: z.array(priceTerm),
  credits: z.array(priceTerm),
};

export const receipt = z.object({
  id: z.number().int(),
  contract_id: z.number().int(),
  material_id: z.number().int().nullable(),
  vehicle_plate: z.string().meta({ example: '浙A12345' }),
  gross_weight: z.number().describe('kg').meta({ example: 47960 }),
  tare_weight: z.number().describe('kg').meta({ example: 15480 }),
  net_weight: z.number().describe('kg, gross − tare').meta({ example: 32480 }),
  weighed_at: isoTime,
  weighbridge_operator: z.string().meta({ example: '王磅' }),
  status: z.enum(RECEIPT_STATUSES),
  sample_name: z.string().nullable(),
  assay_id: z.number().int().nullable(),
  settlement_id: z.number().int().nullable(),
  remarks: z.string().nullable(),
  created_by: z.number().int().nullable(),
  created_at: isoTime,
  updated_at: isoTime,
});

export const receiptWrite = z.object({
  contract_id: id,
  material_id: id.nullable().optional().describe("default: the contract's material"),
  vehicle_plate: z.string().trim().min(1).max(20).meta({ example: '浙A12345' }),
  gross_weight: kgInput.meta({ example: 47960 }),
  tare_weight: kgInput.meta({ example: 15480 }),
  weighed_at: z.iso.datetime({ offset: true }).meta({ example: '2024-01-30T08:15:00Z' }),
  weighbridge_operator: z.string().trim().min(1).max(64).meta({ example: '王磅' }),
  remarks: z.string().max(1000).nullable().optional(),
});

export const receiptQuery = z.object({
  contract_id: id.optional(),
  status: z.enum(RECEIPT_STATUSES).optional(),
  page,
  per_page: perPage,
});

const step = z.object({
  item: z.string().meta({ example: 'dry_weight' }),
  formula: z.string().meta({ example: '32480.000 kg × (100 − 8.5) %' }),
  value: z.string().meta({ example: '29719.200' }),
  unit: z.string().meta({ example: 'kg' }),
});

export const calculation = z.object({
  contract_id: z.number().int(),
  pricing_method: z.string(),
  receipt_ids: z.array(z.number().int()),
  unit_price: money.nullable().describe('yuan per tonne (per dry tonne for processing)'),
  quote_period: z
    .object({
      metal_type: z.string(),
      start_date: z.string(),
      end_date: z.string(),
      quotes: z.array(z.object({ quote_date: z.string(), average_price: money })),
      missing_dates: z.array(z.string()),
      average_price: money,
      coefficient: z.string(),
      unit_price: money,
    })
    .nullable(),
  lines: z.array(z.object({ receipt_id: z.number().int(), steps: z.array(step), amount: money })),
  amount_excl_tax: money.meta({ example: '60088.00' }),
  tax_rate: z.string().meta({ example: '0.13' }),
  tax: money.meta({ example: '7811.44' }),
  amount_incl_tax: money.meta({ example: '67899.44' }),
});

export const settlement = z.object({
  id: z.number().int(),
  contract_id: z.number().int(),
  receipt_ids: z.array(z.number().int()),
  pricing_method: z.string(),
  amount_excl_tax: money,
  tax: money,
  amount_incl_tax: money,
  calculation,
  created_by: z.number().int().nullable(),
  created_at: isoTime,
});

export const settlementRequest = z.object({
  contract_id: id,
  receipt_ids: z
    .array(id)
    .min(1)
    .max(500)
    .meta({ example: [1, 2] }),
});

export const auditLog = z.object({
  id: z.number().int(),
  entity_type: z.enum(AUDITED_ENTITIES),
  entity_id: z.number().int(),
  contract_id: z.number().int().nullable(),
  action: z.enum(AUDIT_ACTIONS),
  actor_id: z.number().int().nullable(),
  actor_name: z.string().nullable(),
  before: z.unknown().describe('the entity before the change; null for a create'),
  after: z.unknown().describe('the entity after the change; null for a delete'),
  created_at: isoTime,
});

export const auditPage = z.object({
  logs: z.array(auditLog),
  total: z.number().int(),
  pages: z.number().int(),
  current_page: z.number().int(),
});

export const auditFilters = {
  entity_type: z.enum(AUDITED_ENTITIES).optional(),
  entity_id: id.optional(),
  actor_id: id.optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  start_date: isoDate.optional(),
  end_date: isoDate.optional(),
  page,
  per_page: perPage,
};
