import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../database.ts';
import { seedAdminDemo } from './admin.ts';
import { seedBi } from './bi.ts';
import { seedMobile } from './mobile.ts';
import { type DemoSettle, seedSmelterDemo } from './smelter.ts';
import { seedTraces } from './traces.ts';

/** Demo invite codes, printed in README. */
export const DEMO_INVITE_CODES = { primary: 'INVITE123', secondary: 'INVITE456' } as const;
export const DEMO_FACTORY_ID = 'TEST_2024_001';
/** Spec 004's BI CLI client id; a deployment's own CLI build may use another (register it). */
export const DEMO_OAUTH_CLIENT = 'bi-cli-prod';

const MATERIALS = [
  ['ZN-001', '锌精矿', 't'],
  ['PB-002', '铅精矿', 't'],
  ['CU-003', '铜板', 'kg'],
  ['AL-004', '铝锭', 't'],
  ['BR-005', '轴承零件', 'pcs'],
  ['GR-006', '齿轮零件', 'pcs'],
  ['BL-007', '螺栓', 'pcs'],
  ['SH-008', '传动轴', 'pcs'],
] as const;
const STEPS = ['原料检验', '下料', '加工', '质检', '包装入库'] as const;
const CARRIERS = [
  ['顺丰速运', 'SF'],
  ['德邦物流', 'DPK'],
  ['中通快运', 'ZTO'],
  ['京东物流', 'JDL'],
] as const;
const ADDRESSES = [
  '浙江省杭州市余杭区五常街道文一西路 998 号',
  '浙江省宁波市北仑区新碶街道明州路 88 号',
  '江苏省苏州市工业园区星湖街 328 号',
] as const;
const ORDER_STATUSES = ['pending', 'producing', 'producing', 'shipped', 'completed', 'cancelled'] as const;

/** A small deterministic PRNG (mulberry32), so the demo data is the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ErpSeedOptions {
  companies: { company_id: string; company_name: string; customer_id: string; invite_code: string }[];
  ordersPerCompany: number;
  seed?: number;
  /** Newest order date, epoch ms; orders go back one day each. */
  now?: number;
}

/**
 * Fills the embedded ERP tables: companies, orders (newest first, one per day back), 1–4
 * materials per order and five progress steps per material, consistent with the order status.
 */
export async function seedErp(db: Kysely<Database>, opts: ErpSeedOptions): Promise<void> {
  const rand = prng(opts.seed ?? 42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  // shipments draw from their own sequence, so that orders and materials stay what they were
  const shipRand = prng((opts.seed ?? 42) + 7);
  const now = opts.now ?? Date.UTC(2026, 10, 20, 8);
  await db.insertInto('erp_companies').values(opts.companies).execute();
  for (const company of opts.companies) {
    const orders = [];
    const materials: Insertable<Database['erp_order_materials']>[] = [];
    const deliveries: Insertable<Database['erp_delivery_orders']>[] = [];
    const deliveryItems: Insertable<Database['erp_delivery_items']>[] = [];
    const deliveryPhotos: Insertable<Database['erp_delivery_attachments']>[] = [];
    const steps: Insertable<Database['erp_material_progress']>[] = [];
    for (let i = 0; i < opts.ordersPerCompany; i++) {
      const orderId = `${company.company_id}-ORD${String(i + 1).padStart(5, '0')}`;
      const status = pick(ORDER_STATUSES);
      const date = new Date(now - i * 86_400_000 - Math.floor(rand() * 8) * 3_600_000);
      orders.push({
        order_id: orderId,
        order_no: `SO${date.toISOString().slice(0, 10).replaceAll('-', '')}${String(i + 1).padStart(4, '0')}`,
        company_id: company.company_id,
        customer_name: company.company_name,
        order_date: date.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        status,
        total_amount_cents: Math.round(rand() * 5_000_000) * 100,
        delivery_date: new Date(date.getTime() + 20 * 86_400_000).toISOString().slice(0, 10),
        remark: null,
        updated_at: date.getTime(),
      });
      const count = 1 + Math.floor(rand() * 4);
      for (let m = 0; m < count; m++) {
        const [code, name, unit] = pick(MATERIALS);
        const materialId = `${orderId}-M${m + 1}`;
        const doneSteps =
          status === 'completed' || status === 'shipped'
            ? STEPS.length
            : status === 'pending' || status === 'cancelled'
              ? 0
              : Math.floor(rand() * STEPS.length);
        materials.push({
          material_id: materialId,
          order_id: orderId,
          material_code: code,
          material_name: name,
          specification: `${code}-${1 + Math.floor(rand() * 9)}`,
          quantity: Math.round(rand() * 1000) / 10 + 1,
          unit,
          status: doneSteps === STEPS.length ? 'completed' : doneSteps > 0 ? 'producing' : 'pending',
          seq: m + 1,
        });
        STEPS.forEach((step, s) => {
          const started = new Date(date.getTime() + (s + 1) * 86_400_000).toISOString();
          steps.push({
            material_id: materialId,
            seq: s + 1,
            step_name: step,
            status: s < doneSteps ? 'completed' : s === doneSteps && status === 'producing' ? 'in_progress' : 'pending',
            operator: s <= doneSteps ? pick(['张伟', '李娜', '王强', '刘洋']) : null,
            started_at: s <= doneSteps && status === 'producing' ? started : s < doneSteps ? started : null,
            completed_at: s < doneSteps ? new Date(date.getTime() + (s + 1.5) * 86_400_000).toISOString() : null,
            note: null,
          });
        });
      }
    }
    for (const order of orders) {
      if (order.status !== 'shipped' && order.status !== 'completed') continue;
      shipments(
        order,
        materials.filter((m) => m.order_id === order.order_id),
        shipRand,
        deliveries,
        deliveryItems,
        deliveryPhotos,
      );
    }
    for (const chunk of chunks(orders, 500)) await db.insertInto('erp_orders').values(chunk).execute();
    for (const chunk of chunks(materials, 500)) await db.insertInto('erp_order_materials').values(chunk).execute();
    for (const chunk of chunks(steps, 500)) await db.insertInto('erp_material_progress').values(chunk).execute();
    for (const chunk of chunks(deliveries, 500)) await db.insertInto('erp_delivery_orders').values(chunk).execute();
    for (const chunk of chunks(deliveryItems, 500)) await db.insertInto('erp_delivery_items').values(chunk).execute();
    for (const chunk of chunks(deliveryPhotos, 500)) await db.insertInto('erp_delivery_attachments').values(chunk).execute();
  }
}

/**
 * The delivery orders of a shipped or completed order: one shipment, or two splitting its
 * materials, each with a carrier, a waybill number, the address, one or two photos and the
 * materials it carried as product lines.
 */
function shipments(
  order: { order_id: string; order_date: string },
  materials: Insertable<Database['erp_order_materials']>[],
  rand: () => number,
  deliveries: Insertable<Database['erp_delivery_orders']>[],
  items: Insertable<Database['erp_delivery_items']>[],
  photos: Insertable<Database['erp_delivery_attachments']>[],
): void {
  const count = materials.length > 1 && rand() < 0.4 ? 2 : 1;
  const shipped = Date.parse(order.order_date) + 15 * 86_400_000;
  for (let d = 0; d < count; d++) {
    const [carrier, prefix] = CARRIERS[Math.floor(rand() * CARRIERS.length)] as (typeof CARRIERS)[number];
    const deliveryId = `${order.order_id}-D${d + 1}`;
    deliveries.push({
      delivery_id: deliveryId,
      order_id: order.order_id,
      seq: d + 1,
      delivery_no: `FY${order.order_id.replace(/\D/g, '').slice(-6)}${d + 1}`,
      delivery_date: new Date(shipped + d * 3 * 86_400_000).toISOString().slice(0, 10),
      logistics_company: carrier,
      logistics_code: `${prefix}${String(Math.floor(rand() * 1e12)).padStart(12, '0')}`,
      address: ADDRESSES[Math.floor(rand() * ADDRESSES.length)] as string,
      remark: d === 0 ? null : '分批发货',
    });
    const carried = materials.filter((_, i) => i % count === d);
    carried.forEach((m, i) => {
      items.push({
        delivery_id: deliveryId,
        seq: i + 1,
        product_name: m.material_name,
        spec: m.specification ?? null,
        quantity: m.quantity,
        unit: m.unit,
      });
    });
    const pictures = 1 + Math.floor(rand() * 2);
    for (let p = 0; p < pictures; p++) {
      photos.push({ delivery_id: deliveryId, seq: p + 1, url: `https://static.example.com/erp/deliveries/${deliveryId}-${p + 1}.jpg` });
    }
  }
}

export function* chunks<T>(xs: T[], size: number): Generator<T[]> {
  for (let i = 0; i < xs.length; i += size) yield xs.slice(i, i + size);
}

/**
 * The demo data `npm start` puts in an empty database: a platform admin, the demo factory, the
 * BI CLI's OAuth client, two ERP companies with invite codes and their orders. Runs once: a second call finds the platform
 * admin and does nothing.
 * @param hashPassword the application's password KDF (passed in: db/ imports nothing from src/).
 * @param hooks.settle the settlement service, to settle the demo receipts (none settled without it).
 * @returns whether anything was written.
 */
export async function seedDemo(
  db: Kysely<Database>,
  hashPassword: (pw: string) => Promise<string>,
  hooks: { settle?: DemoSettle } = {},
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
    await seedBi(trx, DEMO_FACTORY_ID, prng(2024));
  });
  return true;
}
