/** Money helpers: amounts are integer cents internally, the major unit on the wire (ROUTES.md "bi"). */

/** Cents to a JSON number in the major unit (12345 → 123.45); exact for any cents below 2^53. */
export const toMajor = (cents: number): number => cents / 100;

/** Cents to the commerce API's decimal string (9900 → `"99.00"`). */
export function toDecimalString(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** `amount × basisPoints / 10000`, rounded half up to a cent, in exact integer arithmetic. */
export function applyRate(cents: number, basisPoints: number): number {
  return Number((BigInt(cents) * BigInt(basisPoints) + 5000n) / 10000n);
}

/** `total / count` rounded half up to a cent; 0 when count is 0. */
export function averageCents(totalCents: number, count: number): number {
  return count === 0 ? 0 : Number((2n * BigInt(totalCents) + BigInt(count)) / (2n * BigInt(count)));
}
