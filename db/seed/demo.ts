import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';
import { seedAdminDemo } from './admin.ts';
import { seedBi } from './bi.ts';
import { seedErp } from './erp.ts';
import { type DemoCapture, seedGs1Chain } from './gs1-chain.ts';
import { seedMobile } from './mobile.ts';
import { type DemoSettle, seedSmelterDemo } from './smelter.ts';
import { seedTraces } from './traces.ts';
import { prng } from './util.ts';

/** Demo invite codes, printed in README. */
export const DEMO_INVITE_CODES = { primary: 'INVITE123', secondary: 'INVITE456' } as const;
export const DEMO_FACTORY_ID = 'TEST_2024_001';
/** Spec 004's BI CLI client id; a deployment's own CLI build may use another (register it). */
export const DEMO_OAUTH_CLIENT = 'bi-cli-prod';

/**
 * The demo data `npm start` puts in an empty database: a platform admin, the demo factory, the
 * BI CLI's OAuth client, two ERP companies with invite codes and their orders. Runs once: a second call finds the platform
 * admin and does nothing.
 * @param hashPassword the application's password KDF (passed in: db/ imports nothing from src/).
 * @param hooks.settle the settlement service, to settle the demo receipts (none settled without it).
 * @param hooks.captureEpcis EPCIS capture, for the GS1 farm → processing → packing chain (none without it).
 * @returns whether anything was written.
 */
export async function seedDemo(
  db: Kysely<Database>,
  hashPassword: (pw: string) => Promise<string>,
  hooks: { settle?: DemoSettle; captureEpcis?: DemoCapture } = {},
): Promise<boolean> {
  const existing = await db.selectFrom('users').select('id').where('username', '=', 'platform_admin').executeTakeFirst();
  if (existing) return false;
  const now = Date.now();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('factories')
      .values({
        id: DEMO_FACTORY_ID,
        name: '白垩纪食品测试工厂',
        industry: '食品加工',
        address: '浙江省杭州市',
        contact_name: '张经理',
        contact_phone: '+8613800000001',
        contact_email: 'factory@example.com',
        created_at: now,
      })
      .execute();
    await trx
      .insertInto('users')
      .values({
        user_type: 'platform',
        role: 'platform_admin',
        username: 'platform_admin',
        email: 'platform@example.com',
        name: '平台管理员',
        password_hash: await hashPassword('Admin@123456'),
        created_at: now,
        updated_at: now,
      })
      .execute();
    // OAUTH_CLIENTS may have registered it at start already
    await trx
      .insertInto('oauth_clients')
      .values({ client_id: DEMO_OAUTH_CLIENT, name: 'BI CLI (spec 004)', created_by: null, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('client_id').doNothing())
      .execute();
    await seedMobile(trx, DEMO_FACTORY_ID, hashPassword);
    await seedAdminDemo(trx, DEMO_FACTORY_ID, hashPassword, now);
    await seedSmelterDemo(trx, DEMO_FACTORY_ID, now, hooks.settle);
    await seedErp(trx, {
      companies: [
        { company_id: 'CODE001', company_name: '杭州零件制造有限公司', customer_id: '123456', invite_code: DEMO_INVITE_CODES.primary },
        { company_id: 'CODE002', company_name: '宁波金属材料有限公司', customer_id: '234567', invite_code: DEMO_INVITE_CODES.secondary },
      ],
      ordersPerCompany: 40,
    });
    await seedTraces(trx, { factoryId: DEMO_FACTORY_ID, hashPassword, now });
    if (hooks.captureEpcis) await seedGs1Chain(trx, DEMO_FACTORY_ID, now, hooks.captureEpcis);
    await seedBi(trx, DEMO_FACTORY_ID, prng(2024));
  });
  return true;
}
