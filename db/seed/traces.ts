import { createHash } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { Database, TraceEventType } from '../database.ts';

/** The v1 demo login (spec 003), printed in README. */
export const TRACE_DEMO_USER = { username: 'trace_demo', password: 'TraceDemo@123' } as const;

const PRODUCTS = [
  ['apple-01', '红富士苹果', 'farm-yantai-01', '山东烟台', 0.25],
  ['pear-02', '砀山酥梨', 'farm-dangshan-02', '安徽砀山', 0.3],
  ['tea-03', '西湖龙井', 'farm-longjing-03', '浙江杭州', 0.05],
  ['rice-04', '五常大米', 'farm-wuchang-04', '黑龙江五常', 5],
  ['kiwi-05', '猕猴桃', 'farm-zhouzhi-05', '陕西周至', 0.1],
  ['orange-06', '赣南脐橙', 'farm-ganzhou-06', '江西赣州', 0.2],
] as const;
const OPERATORS = ['张伟', '李娜', '王强', '刘洋'] as const;
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A deterministic public code, so README can name a demo batch's consumer page. */
export function demoTraceCode(n: number): string {
  const digest = createHash('sha256').update(`tracehub-demo-trace-${n}`).digest();
  let out = '';
  for (let i = 0; i < 12; i++) out += CODE_ALPHABET[(digest[i] as number) & 31];
  return out;
}

/**
 * Demo trace batches for the demo factory: 18 lots of six products, each with a realistic
 * timeline (harvest → processing → inspection → storage → shipping, as far as the lot has got),
 * and the v1 demo operator `trace_demo`.
 * @param now newest harvest, epoch ms; lots go back five days each.
 */
export async function seedTraces(
  db: Kysely<Database>,
  opts: { factoryId: string; hashPassword: (pw: string) => Promise<string>; now: number },
): Promise<void> {
  const { factoryId, now } = opts;
  await db
    .insertInto('users')
    .values({
      user_type: 'factory',
      factory_id: factoryId,
      role: 'operator',
      username: TRACE_DEMO_USER.username,
      email: 'trace_demo@example.com',
      name: '溯源演示员',
      password_hash: await opts.hashPassword(TRACE_DEMO_USER.password),
      created_at: now,
      updated_at: now,
    })
    .execute();

  const steps: [TraceEventType, string, string][] = [
    ['harvest', '', '人工采收，当日入冷链'],
    ['processing', '加工车间 A', '清洗、分级、包装'],
    ['inspection', '质检中心', '农残快检合格，抽检编号 QC-'],
    ['storage', '冷库 2 号', '0–4 °C 冷藏'],
    ['shipping', '物流中心', '冷链发往华东配送中心'],
  ];
  for (let n = 1; n <= 18; n++) {
    const [productId, productName, farmId, region, unitWeight] = PRODUCTS[(n - 1) % PRODUCTS.length] as (typeof PRODUCTS)[number];
    const harvest = now - (n - 1) * 5 * 86_400_000 - 2 * 3_600_000;
    const done = Math.min(steps.length, 1 + Math.floor((n - 1) / 2) + (n === 1 ? 0 : 1));
    const created = harvest + 3_600_000;
    const batch = await db
      .insertInto('trace_batches')
      .values({
        factory_id: factoryId,
        code: demoTraceCode(n),
        name: `${productName} 批次 ${new Date(harvest).toISOString().slice(0, 10).replaceAll('-', '')}-${String(n).padStart(2, '0')}`,
        product_id: productId,
        quantity: 200 + ((n * 137) % 1800),
        unit_weight: unitWeight,
        harvest_date: harvest,
        farm_id: farmId,
        status: n > 14 ? 'archived' : 'active',
        created_at: created,
        updated_at: created + (done - 1) * 86_400_000,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const logs: Insertable<Database['trace_logs']>[] = steps.slice(0, done).map(([eventType, location, notes], s) => ({
      trace_id: batch.id,
      event_type: eventType,
      occurred_at: harvest + s * 86_400_000 + (s === 0 ? 0 : 2 * 3_600_000),
      operator: OPERATORS[(n + s) % OPERATORS.length] as string,
      location: s === 0 ? `${region} ${farmId}` : location,
      notes: eventType === 'inspection' ? `${notes}${String(1000 + n)}` : notes,
      created_at: created + s * 86_400_000,
    }));
    await db.insertInto('trace_logs').values(logs).execute();
  }
}
