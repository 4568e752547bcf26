import type { Selectable } from 'kysely';
import type { ContractsTable } from '../../../db/database.ts';
import { AppError } from '../../errors.ts';
import type { ASSAY_VALUES } from '../master-data/assay-data.ts';
import { DEFAULT_METAL_TYPE } from '../master-data/metal-prices.ts';

/**
 * A contract's pricing terms (issue 15), beside spec 001's `pricing_method`, `coefficient` and
 * `tax_rate`. A deduction or credit is priced per dry tonne for every `step` of an assay value
 * above `threshold`: amount = (value − threshold) ÷ step × amount_per_step × dry tonnes.
 * Example: lead above 2.0 %, 30 yuan per dry tonne for each 1.0 % above.
 */
export interface PriceTerm {
  /** An assay value of spec 001 (`lead_content` %, `silver_content` g/t, …). */
  element: (typeof ASSAY_VALUES)[number];
  threshold: number;
  step: number;
  /** Yuan per dry tonne per step, two decimals. */
  amount_per_step: number;
}

/** The pricing fields of a contract on the wire; money in yuan (2 decimals). */
export interface ContractTerms {
  /** Yuan per tonne (wet for `weight`, gross for `gross_weight`). */
  unit_price: number | null;
  /** Yuan per dry tonne, for `processing`. */
  processing_fee: number | null;
  /** The metal whose daily quotes price a `content` contract. */
  metal_type: string | null;
  /** The quotation period of a `content` contract, YYYY-MM-DD inclusive. */
  quote_start_date: string | null;
  quote_end_date: string | null;
  deductions: PriceTerm[];
  credits: PriceTerm[];
}

const cents = (yuan: number | null | undefined) => (yuan === null || yuan === undefined ? yuan : Math.round(yuan * 100));

/** The terms stored in a contract row. */
export function termsOf(r: Selectable<ContractsTable>): ContractTerms {
  const parsed = JSON.parse(r.price_terms) as { deductions?: PriceTerm[]; credits?: PriceTerm[] };
  return {
    unit_price: r.unit_price_cents === null ? null : r.unit_price_cents / 100,
    processing_fee: r.processing_fee_cents === null ? null : r.processing_fee_cents / 100,
    metal_type: r.price_metal_type,
    quote_start_date: r.quote_start_date,
    quote_end_date: r.quote_end_date,
    deductions: parsed.deductions ?? [],
    credits: parsed.credits ?? [],
  };
}

/** The columns of the terms sent (undefined: keep), merged with the stored terms for the JSON column. */
export function termsToColumns(input: Partial<ContractTerms>, current?: ContractTerms) {
  const columns: Record<string, unknown> = {
    unit_price_cents: cents(input.unit_price),
    processing_fee_cents: cents(input.processing_fee),
    price_metal_type: input.metal_type,
    quote_start_date: input.quote_start_date,
    quote_end_date: input.quote_end_date,
  };
  if (input.deductions !== undefined || input.credits !== undefined) {
    columns.price_terms = JSON.stringify({
      deductions: input.deductions ?? current?.deductions ?? [],
      credits: input.credits ?? current?.credits ?? [],
    });
  }
  return Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined));
}

const invalid = (field: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ field, message }]);

/**
 * Checks the terms a contract is written with (the stored values overlaid with an update): a
 * quotation period's end not before its start, one deduction and one credit per assay value at
 * most. The terms a method needs are required only when settling (`requireTerms`), so spec 001
 * clients that know nothing of them can still create contracts.
 * @throws AppError VALIDATION_FAILED naming the field.
 */
export function checkTerms(terms: Partial<ContractTerms>): void {
  if (terms.quote_start_date && terms.quote_end_date && terms.quote_end_date < terms.quote_start_date) {
    throw invalid('quote_end_date', '报价期结束日期不能早于开始日期');
  }
  for (const list of ['deductions', 'credits'] as const) {
    const elements = (terms[list] ?? []).map((t) => t.element);
    if (new Set(elements).size !== elements.length) throw invalid(list, '同一化验项只能有一条扣款/奖励条款');
  }
}

/**
 * The terms a settlement by `method` needs: `weight`/`gross_weight` a `unit_price`; `content` a
 * positive `coefficient` and a quotation period; `processing` a `processing_fee`.
 * @throws AppError VALIDATION_FAILED naming the missing field.
 */
export function requireTerms(method: string, coefficient: number | null, terms: ContractTerms): void {
  if ((method === 'weight' || method === 'gross_weight') && terms.unit_price === null) throw invalid('unit_price', '合同未填写单价');
  if (method === 'processing' && terms.processing_fee === null) throw invalid('processing_fee', '合同未填写每干吨加工费');
  if (method === 'content') {
    if (coefficient === null || coefficient <= 0) throw invalid('coefficient', '合同未填写系数');
    if (!terms.quote_start_date || !terms.quote_end_date) throw invalid('quote_start_date', '合同未填写报价期');
  }
}

/** The metal a content contract is priced by. */
export const metalTypeOf = (terms: ContractTerms): string => terms.metal_type ?? DEFAULT_METAL_TYPE;
