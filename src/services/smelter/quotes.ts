import type { Db } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import { tenantRows } from '../master-data/tenant-crud.ts';
import { type Decimal, dec, fromCents, yuan } from './decimal.ts';

/** The quotes of a quotation period and the price a content contract pays. */
export interface QuotePeriod {
  metal_type: string;
  start_date: string;
  end_date: string;
  /** Each quoted day and its spec 001 `average_price` (yuan/t). */
  quotes: { quote_date: string; average_price: string }[];
  /** Days of the period with no quote (weekends, holidays, gaps): left out of the average. */
  missing_dates: string[];
  average_price: string;
  coefficient: string;
  unit_price: string;
}

function daysBetween(start: string, end: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${start}T00:00:00Z`); t <= Date.parse(`${end}T00:00:00Z`); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/**
 * The price of a `content` contract: the mean of the metal's daily `average_price` over the days
 * of the quotation period that have a quote (a missing day is skipped, not zero), to the cent,
 * times the contract's `coefficient`, to the cent. A period may span months.
 * Example: 29 Jan 21,950.00, 30 Jan 22,010.00, (31 Jan missing), 1 Feb 22,130.00, 2 Feb 22,075.00
 * → 88,165.00 ÷ 4 = 22,041.25; × 0.78 = 17,192.175 → 17,192.18 yuan/t.
 * @throws AppError VALIDATION_FAILED when the period has no quote at all.
 */
export async function quotePeriod(
  db: Db,
  factoryId: string,
  q: { metalType: string; startDate: string; endDate: string; coefficient: number },
): Promise<{ period: QuotePeriod; unitPrice: Decimal }> {
  const rows = await tenantRows(db, 'metal_prices', factoryId)
    .select(['quote_date', 'average_price_cents'])
    .where('metal_type', '=', q.metalType)
    .where('quote_date', '>=', q.startDate)
    .where('quote_date', '<=', q.endDate)
    .orderBy('quote_date')
    .execute();
  if (rows.length === 0) {
    throw new AppError('VALIDATION_FAILED', '报价期内没有金属价格', [{ field: 'quote_start_date', message: 'no quotes in the period' }]);
  }
  const sum = rows.reduce((acc, r) => acc.plus(fromCents(r.average_price_cents)), dec(0));
  const average = yuan(sum.dividedBy(rows.length));
  const unitPrice = yuan(average.times(dec(q.coefficient)));
  const quoted = new Set(rows.map((r) => r.quote_date));
  return {
    unitPrice,
    period: {
      metal_type: q.metalType,
      start_date: q.startDate,
      end_date: q.endDate,
      quotes: rows.map((r) => ({ quote_date: r.quote_date, average_price: fromCents(r.average_price_cents).toFixed(2) })),
      missing_dates: daysBetween(q.startDate, q.endDate).filter((d) => !quoted.has(d)),
      average_price: average.toFixed(2),
      coefficient: dec(q.coefficient).toString(),
      unit_price: unitPrice.toFixed(2),
    },
  };
}
