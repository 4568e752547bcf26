import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { feeOf, grossByMerchant, grossOf } from './merchant-gross.ts';
import { averageCents, toMajor } from './money.ts';
import { monthRange } from './periods.ts';
import { num } from './queries.ts';
import type { BiSettings } from './scope.ts';

export interface PlatformOverview {
  platform_gmv: number;
  total_orders: number;
  active_merchants: number;
  new_merchants: number;
  platform_revenue: number;
  subscription_mrr: number;
}

/**
 * Spec 004 bi §5 `GET /api/v1/platform/overview` for a local calendar month `YYYY-MM`: GMV and
 * orders (counted orders), merchants with at least one counted order, merchants created in the
 * month, platform fees (as in the financial report), and the MRR of subscriptions active at the
 * end of the month (or now, for the current month): monthly prices plus yearly prices / 12,
 * rounded half up to a cent once. Amounts in the major unit.
 */
export async function platformOverview(db: Db, month: string, s: BiSettings, now = Date.now()): Promise<PlatformOverview> {
  const { start, end } = monthRange(month, s.timeZone);
  const merchants = await grossByMerchant(db, null, start, end);
  const created = await db
    .selectFrom('factories')
    .select(sql<number>`count(*)`.as('n'))
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .executeTakeFirst();
  const at = Math.min(end, now);
  const subs = await db
    .selectFrom('commerce_subscriptions')
    .select([
      sql<number>`coalesce(sum(case when billing_interval = 'month' then amount_cents else 0 end), 0)`.as('monthly'),
      sql<number>`coalesce(sum(case when billing_interval = 'year' then amount_cents else 0 end), 0)`.as('yearly'),
    ])
    .where('started_at', '<', at)
    .where((eb) => eb.or([eb('cancelled_at', 'is', null), eb('cancelled_at', '>', at)]))
    .executeTakeFirst();
  return {
    platform_gmv: toMajor(grossOf(merchants)),
    total_orders: merchants.reduce((a, m) => a + m.orders, 0),
    active_merchants: merchants.length,
    new_merchants: num(created?.n),
    platform_revenue: toMajor(feeOf(merchants, s.feeBasisPoints)),
    subscription_mrr: toMajor(num(subs?.monthly) + averageCents(num(subs?.yearly), 12)),
  };
}
