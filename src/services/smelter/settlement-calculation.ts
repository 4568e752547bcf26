import type { Db } from '../../db/connect.ts';
import { AppError, notFound } from '../../errors.ts';
import { inUse } from '../master-data/common.ts';
import { findOwned, tenantRows } from '../master-data/tenant-crud.ts';
import { metalTypeOf, requireTerms, termsOf } from './contract-terms.ts';
import { dec, fromGrams } from './decimal.ts';
import {
  applyTax,
  priceByContent,
  priceByGrossWeight,
  priceByProcessing,
  priceByWeight,
  type ReceiptFacts,
  type ReceiptLine,
  type Step,
} from './pricing.ts';
import { type QuotePeriod, quotePeriod } from './quotes.ts';

/** The metal a `content` contract pays for: spec 001's factory is a zinc smelter. */
const METAL_ELEMENT = 'zinc_content';

export interface SettlementRequest {
  receipt_ids: number[];
}

/** Every line of a settlement's calculation; money as exact decimal strings in yuan. */
export interface Calculation {
  contract_id: number;
  pricing_method: string;
  receipt_ids: number[];
  unit_price: string | null;
  quote_period: QuotePeriod | null;
  lines: { receipt_id: number; steps: Step[]; amount: string }[];
  amount_excl_tax: string;
  tax_rate: string;
  tax: string;
  amount_incl_tax: string;
}

/** The receipt ids, deduplicated, ascending, comma-joined: a settlement's identity under its contract. */
export const receiptKey = (ids: number[]) => [...new Set(ids)].sort((a, b) => a - b).join(',');

const invalid = (field: string, message: string) => new AppError('VALIDATION_FAILED', message, [{ field, message }]);

/**
 * Computes the settlement of receipts under a contract without saving it (issue 15): loads the
 * contract's terms, the receipts (of this contract, unsettled; assayed for `content` and
 * `processing`, which need water and metal contents), the quotation period for `content`, prices
 * each receipt by the method's function (pricing.ts) and applies tax to the sum.
 * @throws AppError NOT_FOUND (contract), CONFLICT (contract archived, a receipt already settled),
 *   VALIDATION_FAILED (unknown receipt, receipt not assayed, assay value missing, terms missing, no quote).
 */
export async function computeSettlement(db: Db, factoryId: string, contractId: number, req: SettlementRequest): Promise<Calculation> {
  const contract = await findOwned(db, 'contracts', factoryId, contractId);
  if (!contract) throw notFound('Contract', contractId);
  if (contract.status !== '执行') throw inUse('合同已归档，不能结算');
  const method = contract.pricing_method;
  const terms = termsOf(contract);
  requireTerms(method, contract.coefficient, terms);

  const ids = receiptKey(req.receipt_ids).split(',').map(Number);
  const rows = await tenantRows(db, 'receipts', factoryId)
    .selectAll()
    .where('contract_id', '=', contractId)
    .where('id', 'in', ids)
    .execute();
  const unknown = ids.filter((id) => !rows.some((r) => r.id === id));
  if (unknown.length) throw invalid('receipt_ids', `收货单不存在或不属于该合同: ${unknown.join(', ')}`);
  const settled = rows.filter((r) => r.status === 'settled').map((r) => r.id);
  if (settled.length) throw inUse(`收货单已结算: ${settled.join(', ')}`);

  const needsAssay = method === 'content' || method === 'processing';
  const assayIds = rows.map((r) => r.assay_id).filter((a): a is number => a !== null);
  const assays = assayIds.length ? await tenantRows(db, 'assay_data', factoryId).selectAll().where('id', 'in', assayIds).execute() : [];
  const facts: ReceiptFacts[] = rows
    .sort((a, b) => a.id - b.id)
    .map((r) => {
      const assay = assays.find((a) => a.id === Number(r.assay_id)) ?? null;
      if (needsAssay) {
        if (r.status !== 'assayed' || !assay) throw invalid('receipt_ids', `收货单 ${r.id} 尚未化验`);
        const needed = method === 'content' ? ['water_content', METAL_ELEMENT] : ['water_content'];
        for (const k of needed)
          if (assay[k as keyof typeof assay] === null) throw invalid('receipt_ids', `收货单 ${r.id} 的化验数据缺少 ${k}`);
      }
      return {
        receipt_id: r.id,
        gross_kg: fromGrams(r.gross_weight_g),
        net_kg: fromGrams(r.net_weight_g),
        assay: assay as Record<string, number | null> | null,
      };
    });

  let period: QuotePeriod | null = null;
  let unitPrice: string | null = null;
  let lines: ReceiptLine[];
  if (method === 'content') {
    const q = await quotePeriod(db, factoryId, {
      metalType: metalTypeOf(terms),
      startDate: terms.quote_start_date!,
      endDate: terms.quote_end_date!,
      coefficient: contract.coefficient!,
    });
    period = q.period;
    unitPrice = q.unitPrice.toFixed(2);
    lines = facts.map((f) =>
      priceByContent(f, q.unitPrice, { metalElement: METAL_ELEMENT, deductions: terms.deductions, credits: terms.credits }),
    );
  } else if (method === 'processing') {
    const fee = dec(terms.processing_fee!);
    unitPrice = fee.toFixed(2);
    lines = facts.map((f) => priceByProcessing(f, fee));
  } else {
    const price = dec(terms.unit_price!);
    unitPrice = price.toFixed(2);
    lines = facts.map((f) => (method === 'gross_weight' ? priceByGrossWeight(f, price) : priceByWeight(f, price)));
  }
  const total = applyTax(
    lines.reduce((acc, l) => acc.plus(l.amount), dec(0)),
    contract.tax_rate,
  );
  return {
    contract_id: contractId,
    pricing_method: method,
    receipt_ids: ids,
    unit_price: unitPrice,
    quote_period: period,
    lines: lines.map((l) => ({ receipt_id: l.receipt_id, steps: l.steps, amount: l.amount.toFixed(2) })),
    amount_excl_tax: total.amount_excl_tax.toFixed(2),
    tax_rate: dec(contract.tax_rate).toString(),
    tax: total.tax.toFixed(2),
    amount_incl_tax: total.amount_incl_tax.toFixed(2),
  };
}
