import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { feeOf, grossByMerchant, grossOf } from './merchant-gross.ts';
import { toMajor } from './money.ts';
import { monthRange } from './periods.ts';
import { num } from './queries.ts';
import type { BiSettings, MerchantScope } from './scope.ts';

export interface FinancialReport {
  gross_revenue: number;
  platform_fee: number;
  net_revenue: number;
  pending_transfers: number;
  completed_transfers: number;
  transfer_count: number;
}

/**
 * Spec 004 bi §4 `GET /api/v1/financial` for a local calendar month `YYYY-MM`: gross revenue of
 * counted orders, the platform fee (config PLATFORM_FEE_RATE, rounded half up per merchant), net =
 * gross − fee, and the payouts created in the month by status. Amounts in the major unit.
 */
export async function financialReport(db: Db, scope: MerchantScope, month: string, s: BiSettings): Promise<FinancialReport> {
  const { start, end } = monthRange(month, s.timeZone);
  const merchants = await grossByMerchant(db, scope, start, end);
  const gross = grossOf(merchants);
  const fee = feeOf(merchants, s.feeBasisPoints);
  let q = db
    .selectFrom('commerce_transfers')
    .select([
      sql<number>`coalesce(sum(case when status = 'pending' then amount_cents else 0 end), 0)`.as('pending'),
      sql<number>`coalesce(sum(case when status = 'completed' then amount_cents else 0 end), 0)`.as('completed'),
      sql<number>`count(*)`.as('n'),
    ])
    .where('created_at', '>=', start)
    .where('created_at', '<', end);
  if (scope !== null) q = q.where('factory_id', '=', scope);
  const t = await q.executeTakeFirst();
  return {
    gross_revenue: toMajor(gross),
    platform_fee: toMajor(fee),
    net_revenue: toMajor(gross - fee),
    pending_transfers: toMajor(num(t?.pending)),
    completed_transfers: toMajor(num(t?.completed)),
    transfer_count: num(t?.n),
  };
}
