/** The ERP demo data: companies with invite codes, their orders, materials, progress steps and delivery notes (spec 000). */
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../database.ts';
import { chunks, prng } from './util.ts';

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
