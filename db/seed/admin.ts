import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database } from '../database.ts';
import { chunks, prng } from './util.ts';

/** The demo back-office account of spec 001 (README): a factory super admin of the demo factory. */
export const DEMO_BACKOFFICE_ADMIN = { username: 'backoffice_admin', password: 'Admin@123456' } as const;

const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Spec 001 master data for the demo factory: two branch factories with departments, materials,
 * customers, contracts, assay samples and a year of daily 1#锌 quotes ending today. Deterministic
 * apart from the dates.
 * @param hashPassword the application's password KDF (db/ imports nothing from src/).
 */
export async function seedAdminDemo(
  db: Kysely<Database> | Transaction<Database>,
  factoryId: string,
  hashPassword: (pw: string) => Promise<string>,
  now = Date.now(),
): Promise<void> {
  const rand = prng(2024);
  const stamp = { created_at: now, updated_at: now };

  const admin = await db
    .insertInto('users')
    .values({
      user_type: 'factory',
      factory_id: factoryId,
      role: 'factory_super_admin',
      username: DEMO_BACKOFFICE_ADMIN.username,
      email: 'backoffice@example.com',
      name: '后台管理员',
      department: '总部',
      password_hash: await hashPassword(DEMO_BACKOFFICE_ADMIN.password),
      ...stamp,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const branches: number[] = [];
  for (const [name, short, full, phone, depts] of [
    ['一分厂', '一厂', '第一分厂', '0571-12345678', ['生产部', '化验室', '仓储部']],
    ['二分厂', '二厂', '第二分厂', '0571-87654321', ['生产部', '化验室']],
  ] as const) {
    const branch = await db
      .insertInto('departments')
      .values({ factory_id: factoryId, name, short_name: short, full_name: full, level: 1, parent_id: null, phone, ...stamp })
      .returning('id')
      .executeTakeFirstOrThrow();
    branches.push(branch.id);
    await db
      .insertInto('departments')
      .values(depts.map((d) => ({ factory_id: factoryId, name: d, full_name: `${full}${d}`, level: 2, parent_id: branch.id, ...stamp })))
      .execute();
  }

  const materials = await db
    .insertInto('materials')
    .values(
      [
        ['锌精矿', 'ZN001', '锌精矿原料', '原料'],
        ['铅精矿', 'PB001', '铅精矿原料', '原料'],
        ['硫酸', 'AUX001', '工业硫酸', '辅料'],
        ['锌粉', 'AUX002', '净化用锌粉', '辅料'],
        ['锌锭', 'PRD001', '0#锌锭', '产品'],
        ['硫酸锌', 'PRD002', '七水硫酸锌', '产品'],
      ].map(([name, code, full_name, purpose]) => ({
        factory_id: factoryId,
        name: name!,
        code: code!,
        full_name,
        purpose: purpose!,
        ...stamp,
      })),
    )
    .returning('id')
    .execute();

  const customers = await db
    .insertInto('customers')
    .values(
      [
        ['华东矿业', 'CUS001', '华东矿业有限公司', '原料供应', '13800138001', '浙江省杭州市'],
        ['西南矿产', 'CUS002', '西南矿产贸易有限公司', '原料供应', '13800138002', '云南省昆明市'],
        ['江南化工', 'CUS003', '江南化工有限公司', '辅料供应', '13800138003', '江苏省南京市'],
        ['北方金属', 'CUS004', '北方金属制品有限公司', '产品采购', '13800138004', '北京市朝阳区'],
        ['海港贸易', 'CUS005', '海港金属贸易有限公司', '产品采购', '13800138005', '上海市浦东新区'],
      ].map(([name, code, full_name, customer_type, phone, address]) => ({
        factory_id: factoryId,
        name: name!,
        code: code!,
        full_name,
        customer_type: customer_type!,
        phone,
        address,
        ...stamp,
      })),
    )
    .returning('id')
    .execute();

  const year = new Date(now).getUTCFullYear();
  const contracts: Insertable<Database['contracts']>[] = [
    ['原料采购', 0, 0, 'content', '执行'],
    ['原料采购', 1, 1, 'weight', '执行'],
    ['辅料采购', 2, 2, 'gross_weight', '执行'],
    ['产品销售', 3, 4, 'weight', '执行'],
    ['产品销售', 4, 5, 'processing', '归档'],
  ].map(([contract_type, c, m, pricing_method, status], i) => ({
    factory_id: factoryId,
    contract_type: contract_type as string,
    contract_number: `CON${year}${String(i + 1).padStart(3, '0')}`,
    customer_id: customers[c as number]!.id,
    material_id: materials[m as number]!.id,
    branch_id: branches[i % branches.length]!,
    responsible_id: admin.id,
    sign_date: `${year}-01-${String(i + 2).padStart(2, '0')}`,
    expiry_date: `${year}-12-31`,
    tax_rate: 0.13,
    pricing_method: pricing_method as string,
    coefficient: pricing_method === 'content' ? 0.82 : 1,
    status: status as string,
    ...stamp,
  }));
  await db.insertInto('contracts').values(contracts).execute();

  const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
  await db
    .insertInto('assay_data')
    .values(
      Array.from({ length: 12 }, (_, i) => {
        const t = now - (12 - i) * 7 * DAY_MS;
        return {
          factory_id: factoryId,
          sample_name: `锌精矿样品${String(i + 1).padStart(3, '0')}`,
          branch_id: branches[i % branches.length]!,
          water_content: round(7 + rand() * 3),
          zinc_content: round(48 + rand() * 8),
          lead_content: round(1 + rand() * 2),
          chlorine_content: round(0.02 + rand() * 0.05, 3),
          fluorine_content: round(0.01 + rand() * 0.03, 3),
          iron_content: round(5 + rand() * 4),
          silicon_content: round(2 + rand() * 2),
          sulfur_content: round(29 + rand() * 4),
          high_heat: null,
          low_heat: null,
          silver_content: round(80 + rand() * 60, 1),
          recovery_rate: round(93 + rand() * 4, 1),
          remarks: i % 4 === 3 ? '复检样品' : '正常样品',
          created_by: admin.id,
          created_at: t,
          updated_at: t,
        };
      }),
    )
    .execute();

  // a year of daily 1#锌 quotes (yuan per tonne, stored in cents): a bounded random walk
  const prices: Insertable<Database['metal_prices']>[] = [];
  const today = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate());
  let average = 2_250_000;
  for (let d = 364; d >= 0; d--) {
    const change = Math.round((rand() - 0.5) * 60) * 1000; // ±300 yuan in 10-yuan steps
    const next = Math.min(2_600_000, Math.max(1_900_000, average + change));
    const spread = (5 + Math.floor(rand() * 20)) * 1000;
    prices.push({
      factory_id: factoryId,
      metal_type: '1#锌',
      quote_date: isoDay(today - d * DAY_MS),
      high_price_cents: next + spread,
      low_price_cents: next - spread,
      average_price_cents: next,
      price_change_cents: next - average,
      ...stamp,
    });
    average = next;
  }
  for (const chunk of chunks(prices, 200)) await db.insertInto('metal_prices').values(chunk).execute();
}
