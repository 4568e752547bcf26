import type { Db } from '../../db/connect.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Principal } from '../identity/principal.ts';
import { localMonth } from './periods.ts';

/** One merchant (a factory id), or null for the whole platform (platform admins only). */
export type MerchantScope = string | null;

/** What every report reads from config: TIME_ZONE and PLATFORM_FEE_RATE. */
export interface BiSettings {
  timeZone: string;
  /** Platform fee in basis points (500 = 5 %). */
  feeBasisPoints: number;
}

/**
 * Whose data a BI call reads (DESIGN.md tenancy): a factory user reads its own factory and a
 * `merchant_id` naming another one answers not found; a platform user reads the merchant it
 * names, or the whole platform when it names none.
 * @throws AppError NOT_FOUND (foreign or unknown merchant), PERMISSION_DENIED (WeChat users).
 */
export async function resolveMerchantScope(
  db: Db,
  user: Pick<Principal, 'userType' | 'factoryId'>,
  merchantId: string | undefined,
): Promise<MerchantScope> {
  if (user.userType === 'factory' && user.factoryId) {
    if (merchantId !== undefined && merchantId !== user.factoryId) throw notFound('Merchant', merchantId);
    return user.factoryId;
  }
  if (user.userType !== 'platform') throw new AppError('PERMISSION_DENIED', 'Merchants and platform administrators only');
  if (merchantId === undefined) return null;
  const exists = await db.selectFrom('factories').select('id').where('id', '=', merchantId).executeTakeFirst();
  if (!exists) throw notFound('Merchant', merchantId);
  return merchantId;
}

/** `YYYY-MM` as given, or the current local month of the zone. */
export function monthOrCurrent(month: string | undefined, timeZone: string, now = Date.now()): string {
  return month ?? localMonth(now, timeZone);
}
