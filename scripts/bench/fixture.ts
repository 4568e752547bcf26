import { seedErp } from '../../db/seed/erp.ts';
import type { Db } from '../../src/db/connect.ts';
import { TokenService } from '../../src/services/identity/tokens.ts';

export const BENCH_SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
export const BENCH_ENV = {
  NODE_ENV: 'production',
  JWT_SECRET: BENCH_SECRET,
  SEED_DEMO: 'false',
  WECHAT_MODE: 'live',
  WECHAT_APPID: 'bench',
  WECHAT_SECRET: 'bench',
  ORDER_CACHE_TTL_MS: '0',
  LOG_LEVEL: 'info',
  // the limiter still counts every call; only its ceiling is out of the way of the load
  RATE_LIMIT_SCALE: '1000000',
};

/**
 * Bench data: 20 ERP companies × `ordersPerCompany` orders, and one WeChat user bound to the
 * first company. @returns a 30-day access token for that user.
 */
export async function buildFixture(db: Db, ordersPerCompany: number): Promise<string> {
  const companies = Array.from({ length: 20 }, (_, i) => ({
    company_id: `C${String(i).padStart(3, '0')}`,
    company_name: `公司${i}`,
    customer_id: `CU${i}`,
    invite_code: `INV${i}`,
  }));
  await seedErp(db, { companies, ordersPerCompany, seed: 7 });
  const now = Date.now();
  const user = await db
    .insertInto('users')
    .values({ user_type: 'wechat', role: 'wechat_customer', openid: 'oBenchUser000000001', created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('company_bindings')
    .values({ user_id: user.id, company_id: 'C000', company_name: '公司0', customer_id: 'CU0', bound_at: now })
    .execute();
  const tokens = new TokenService({ JWT_SECRET: BENCH_SECRET, JWT_ISSUER: 'tracehub', JWT_AUDIENCE: 'tracehub-api' });
  return (await tokens.issue({ sub: String(user.id), role: 'wechat_customer', family: 'mini', tep: 0 }, 30 * 86400)).token;
}
