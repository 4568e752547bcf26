import { lastDays, localMonth } from '../../src/services/analytics/periods.ts';

/** One timed request of the BI bench: a name, the path with its query, and whose token it uses. */
export interface Case {
  name: string;
  path: string;
  as: 'merchant' | 'admin';
}

/** The bench servers' and cases' reporting time zone (spec 004 settings). */
export const TIME_ZONE = 'Asia/Shanghai';

/**
 * The BI bench's cases (spec 004): the baseline `users/me`, every report for a merchant over 7–365
 * days, the listings, and the platform-wide reports as the admin.
 * @param merchant the merchant whose token the merchant cases use; `other` another merchant.
 * @param now epoch ms, the end of the periods.
 */
export function cases(merchant: string, other: string, now: number): Case[] {
  const thisMonth = localMonth(now, TIME_ZONE);
  const lastMonth = localMonth(lastDays(1, TIME_ZONE, now).bounds[0]! - 86_400_000 * 31, TIME_ZONE);
  const m: Case[] = [
    ...[7, 30, 90, 365].map((d) => ({ name: `sales days=${d}`, path: `/api/v1/sales?days=${d}`, as: 'merchant' as const })),
    ...[7, 30, 90, 365].map((d) => ({
      name: `products/top days=${d}`,
      path: `/api/v1/products/top?days=${d}&limit=10`,
      as: 'merchant' as const,
    })),
    ...[30, 90, 365].map((d) => ({ name: `customers days=${d}`, path: `/api/v1/customers?days=${d}`, as: 'merchant' as const })),
    { name: 'financial (this month)', path: '/api/v1/financial', as: 'merchant' },
    { name: `financial month=${lastMonth}`, path: `/api/v1/financial?month=${lastMonth}`, as: 'merchant' },
    { name: 'shops/{id}/products', path: `/api/shops/${merchant}/products?limit=20`, as: 'merchant' },
    { name: 'orders page 1', path: `/api/orders?merchant_id=${merchant}&limit=20`, as: 'merchant' },
    {
      name: 'orders status=paid offset=2000',
      path: `/api/orders?merchant_id=${merchant}&status=paid&limit=20&offset=2000`,
      as: 'merchant',
    },
  ];
  const a: Case[] = [
    { name: 'platform/overview (this month)', path: '/api/v1/platform/overview', as: 'admin' },
    { name: `platform/overview month=${lastMonth}`, path: `/api/v1/platform/overview?month=${lastMonth}`, as: 'admin' },
    { name: `sales days=30 merchant_id=${other}`, path: `/api/v1/sales?days=30&merchant_id=${other}`, as: 'admin' },
    ...[7, 30, 365].map((d) => ({ name: `sales days=${d} (platform)`, path: `/api/v1/sales?days=${d}`, as: 'admin' as const })),
    { name: 'products/top days=30 (platform)', path: '/api/v1/products/top?days=30', as: 'admin' },
    { name: 'customers days=90 (platform)', path: '/api/v1/customers?days=90', as: 'admin' },
    { name: 'financial (platform, this month)', path: '/api/v1/financial', as: 'admin' },
    { name: `financial month=${thisMonth} (platform)`, path: `/api/v1/financial?month=${thisMonth}`, as: 'admin' },
  ];
  return [{ name: 'baseline: users/me', path: '/api/v1/users/me', as: 'merchant' }, ...m, ...a];
}
