import { Decimal as DecimalJs } from 'decimal.js';

/**
 * The decimal type of every settlement calculation. decimal.js rather than big.js: it ships its
 * own types, has per-call rounding modes (`toDecimalPlaces(dp, ROUND_HALF_UP)`) and a `clone`
 * whose precision and rounding stay private to this module, so nothing else in the process can
 * change how money rounds. 40 significant digits: far beyond any weight × price product.
 */
export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

/** A JS number (a float from the spec's tables or the wire) as the decimal it was written as: 0.13 → 0.13 exactly. */
export const dec = (n: number | string): Decimal => new Decimal(typeof n === 'number' ? String(n) : n);

/** Rounds half up to the cent (yuan with 2 decimals). */
export const yuan = (d: Decimal): Decimal => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);

/** Rounds half up to the gram (kg with 3 decimals). */
export const kg = (d: Decimal): Decimal => d.toDecimalPlaces(3, Decimal.ROUND_HALF_UP);

/** Integer cents → yuan decimal. */
export const fromCents = (cents: number): Decimal => new Decimal(cents).dividedBy(100);

/** Yuan decimal → integer cents (the value must already be rounded to the cent). */
export const toCents = (d: Decimal): number => yuan(d).times(100).toNumber();

/** Integer grams → kg decimal. */
export const fromGrams = (g: number): Decimal => new Decimal(g).dividedBy(1000);

/** A kg number with at most 3 decimals → integer grams. */
export const kgToGrams = (kgValue: number): number => dec(kgValue).times(1000).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();

/** True when `n` has at most `dp` decimals as written (1.005 has 3). */
export const hasAtMostDecimals = (n: number, dp: number): boolean => dec(n).decimalPlaces() <= dp;
