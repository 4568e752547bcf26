import type { PriceTerm } from './contract-terms.ts';
import { type Decimal, dec, kg, yuan } from './decimal.ts';

/**
 * Settlement by contract (issue 15): one pure function per `pricing_method` of spec 001, each
 * turning one receipt into calculation steps and an amount excluding tax. Weights are kg
 * (3 decimals), contents % as spec 001 stores them (silver g/t), prices yuan per tonne. Rounding
 * is half up: dry and metal weights to the gram, every amount to the cent, then summed.
 */

/** One line of a calculation: what, how (the formula with its numbers), the value and its unit. */
export interface Step {
  item: string;
  formula: string;
  value: string;
  unit: string;
}

export interface ReceiptLine {
  receipt_id: number;
  steps: Step[];
  amount: Decimal;
}

/** The weighing and (when assayed) the assay values of one receipt. */
export interface ReceiptFacts {
  receipt_id: number;
  gross_kg: Decimal;
  net_kg: Decimal;
  /** Assay values by spec 001 name (`water_content`, `zinc_content`, …), null when not measured. */
  assay: Record<string, number | null> | null;
}

const step = (item: string, formula: string, value: Decimal, unit: string, dp: number): Step => ({
  item,
  formula,
  value: value.toFixed(dp),
  unit,
});
const tonnes = (kgValue: Decimal) => kgValue.dividedBy(1000);

/** amount = `kg` ÷ 1000 (t) × unit price (yuan/t), to the cent. */
function priceByTonnes(r: ReceiptFacts, kg: Decimal, unitPrice: Decimal): ReceiptLine {
  const amount = yuan(tonnes(kg).times(unitPrice));
  return {
    receipt_id: r.receipt_id,
    amount,
    steps: [step('amount', `${kg.toFixed(3)} kg ÷ 1000 × ${unitPrice.toFixed(2)} 元/吨`, amount, '元', 2)],
  };
}

/**
 * `weight`: amount = net weight (t) × unit price.
 * Example: net 32,480 kg at 1,850.00 yuan/t → 32.48 × 1,850.00 = 60,088.00 yuan.
 */
export const priceByWeight = (r: ReceiptFacts, unitPrice: Decimal): ReceiptLine => priceByTonnes(r, r.net_kg, unitPrice);

/**
 * `gross_weight`: amount = gross weight (t) × unit price.
 * Example: gross 47,960 kg at 1,850.00 yuan/t → 47.96 × 1,850.00 = 88,726.00 yuan.
 */
export const priceByGrossWeight = (r: ReceiptFacts, unitPrice: Decimal): ReceiptLine => priceByTonnes(r, r.gross_kg, unitPrice);

/** Dry weight = net × (100 − water %) ÷ 100, to the gram. @throws Error when water is not measured (callers check first). */
export function dryWeight(r: ReceiptFacts): { dry: Decimal; step: Step } {
  const water = dec(r.assay?.water_content ?? Number.NaN);
  const dry = kg(r.net_kg.times(dec(100).minus(water)).dividedBy(100));
  return { dry, step: step('dry_weight', `${r.net_kg.toFixed(3)} kg × (100 − ${water.toString()}) %`, dry, 'kg', 3) };
}

/** (value − threshold) ÷ step × amount per step × dry tonnes, to the cent; zero at or below the threshold. */
function termAmount(term: PriceTerm, value: number | null, dry: Decimal): { amount: Decimal; step: Step } | null {
  if (value === null || value === undefined) return null;
  const excess = dec(value).minus(dec(term.threshold));
  if (excess.lessThanOrEqualTo(0)) return null;
  const amount = yuan(excess.dividedBy(dec(term.step)).times(dec(term.amount_per_step)).times(tonnes(dry)));
  const formula = `(${value} − ${term.threshold}) ÷ ${term.step} × ${dec(term.amount_per_step).toFixed(2)} 元 × ${tonnes(dry).toString()} 干吨`;
  return { amount, step: step(term.element, formula, amount, '元', 2) };
}

/**
 * `content`: dry weight = net × (1 − water %); metal = dry × metal %; metal value = metal (t) ×
 * unit price, where unit price = average quote of the period × coefficient (computed once per
 * settlement, see quotes.ts); minus each deduction, plus each credit (see PriceTerm).
 * Example: net 32,480 kg, water 8.5 %, zinc 50.25 %, unit price 17,192.18 → dry 29,719.200 kg,
 * zinc 14,933.898 kg, value 14.933898 × 17,192.18 = 256,746.26 yuan; lead 2.6 % over 2.0 at
 * 30 yuan per 1 % per dry t deducts 0.6 × 30 × 29.7192 = 534.95.
 */
export function priceByContent(
  r: ReceiptFacts,
  unitPrice: Decimal,
  terms: { metalElement: string; deductions: PriceTerm[]; credits: PriceTerm[] },
): ReceiptLine {
  const { dry, step: dryStep } = dryWeight(r);
  const pct = dec(r.assay?.[terms.metalElement] ?? Number.NaN);
  const metal = kg(dry.times(pct).dividedBy(100));
  const value = yuan(tonnes(metal).times(unitPrice));
  const steps = [
    dryStep,
    step('metal_weight', `${dry.toFixed(3)} kg × ${pct.toString()} %`, metal, 'kg', 3),
    step('metal_value', `${metal.toFixed(3)} kg ÷ 1000 × ${unitPrice.toFixed(2)} 元/吨`, value, '元', 2),
  ];
  let amount = value;
  for (const term of terms.deductions) {
    const t = termAmount(term, r.assay?.[term.element] ?? null, dry);
    if (!t) continue;
    amount = amount.minus(t.amount);
    steps.push({ ...t.step, item: `deduction:${term.element}`, value: t.amount.negated().toFixed(2) });
  }
  for (const term of terms.credits) {
    const t = termAmount(term, r.assay?.[term.element] ?? null, dry);
    if (!t) continue;
    amount = amount.plus(t.amount);
    steps.push({ ...t.step, item: `credit:${term.element}` });
  }
  steps.push(step('amount', 'metal_value − deductions + credits', amount, '元', 2));
  return { receipt_id: r.receipt_id, amount, steps };
}

/**
 * `processing`: amount = dry weight (t) × processing fee per dry tonne.
 * Example: net 32,480 kg, water 8.5 % → dry 29,719.200 kg; × 420.00 yuan = 12,482.06 yuan.
 */
export function priceByProcessing(r: ReceiptFacts, feePerDryTonne: Decimal): ReceiptLine {
  const { dry, step: dryStep } = dryWeight(r);
  const amount = yuan(tonnes(dry).times(feePerDryTonne));
  return {
    receipt_id: r.receipt_id,
    amount,
    steps: [dryStep, step('amount', `${dry.toFixed(3)} kg ÷ 1000 × ${feePerDryTonne.toFixed(2)} 元/干吨`, amount, '元', 2)],
  };
}

/**
 * Tax by spec 001's `tax_rate` (a fraction): the computed amount excludes tax; tax = amount ×
 * rate to the cent; amount including tax = amount + tax.
 * Example: 60,088.00 at 0.13 → tax 7,811.44, including tax 67,899.44.
 */
export function applyTax(amountExclTax: Decimal, taxRate: number): { amount_excl_tax: Decimal; tax: Decimal; amount_incl_tax: Decimal } {
  const tax = yuan(amountExclTax.times(dec(taxRate)));
  return { amount_excl_tax: amountExclTax, tax, amount_incl_tax: amountExclTax.plus(tax) };
}
