import type { Db } from '../../db/connect.ts';
import type { ErpDeliveryOrder } from './types.ts';

/**
 * The delivery notes of one embedded-ERP order (erp_delivery_orders, their items and attachment
 * URLs), in the ERP's order (`seq`), shaped as the ERP's HTTP API answers them.
 */
export async function embeddedDeliveryOrders(db: Db, orderId: string): Promise<ErpDeliveryOrder[]> {
  const deliveries = await db.selectFrom('erp_delivery_orders').selectAll().where('order_id', '=', orderId).orderBy('seq').execute();
  const ids = deliveries.map((d) => d.delivery_id);
  if (!ids.length) return [];
  const [items, attachments] = await Promise.all([
    db.selectFrom('erp_delivery_items').selectAll().where('delivery_id', 'in', ids).orderBy('delivery_id').orderBy('seq').execute(),
    db.selectFrom('erp_delivery_attachments').selectAll().where('delivery_id', 'in', ids).orderBy('delivery_id').orderBy('seq').execute(),
  ]);
  return deliveries.map((d) => ({
    delivery_no: d.delivery_no,
    delivery_date: d.delivery_date,
    logistics_company: d.logistics_company,
    logistics_code: d.logistics_code,
    address: d.address,
    remark: d.remark,
    attachments: attachments.filter((a) => a.delivery_id === d.delivery_id).map((a) => a.url),
    products: items
      .filter((i) => i.delivery_id === d.delivery_id)
      .map((i) => ({ productName: i.product_name, spec: i.spec, quantity: Number(i.quantity) })),
  }));
}
