import { sql } from 'kysely';
import type { Db, DialectName } from '../../db/connect.ts';
import { pageOf } from '../../db/paging.ts';
import { embeddedDeliveryOrders } from './embedded-deliveries.ts';
import { searchEmbeddedOrders } from './embedded-search.ts';
import type { ErpApi, ErpCompany, ErpLotShipment, ErpOrderDetail, ErpOrderStatusRow, ErpOrderSummary, OrderSearchQuery } from './types.ts';
import { ORDER_STATUS_TEXT } from './types.ts';

/**
 * The default ERP: the ERP's tables kept in tracehub's own database (filled by the demo seed),
 * so `npm start` works on a fresh machine with no ERP to talk to.
 */
export class EmbeddedErp implements ErpApi {
  constructor(
    private readonly db: Db,
    private readonly dialect: DialectName,
  ) {}

  async findCompanyByInviteCode(inviteCode: string): Promise<ErpCompany | null> {
    const row = await this.db.selectFrom('erp_companies').selectAll().where('invite_code', '=', inviteCode).executeTakeFirst();
    return row
      ? { companyId: row.company_id, companyName: row.company_name, customerId: row.customer_id, inviteCode: row.invite_code }
      : null;
  }

  async searchOrders(q: OrderSearchQuery): Promise<{ orders: ErpOrderSummary[]; total: number }> {
    return searchEmbeddedOrders(this.db, this.dialect, q);
  }

  async getOrderStatus(companyId: string, orderId: string): Promise<Record<string, unknown> | null> {
    const o = await this.#order(companyId, 'order_id', orderId);
    if (!o) return null;
    const counts = await this.db
      .selectFrom('erp_order_materials')
      .select(['status', sql<number>`count(*)`.as('n')])
      .where('order_id', '=', orderId)
      .groupBy('status')
      .execute();
    const totalMaterials = counts.reduce((s, c) => s + Number(c.n), 0);
    const done = Number(counts.find((c) => c.status === 'completed')?.n ?? 0);
    return {
      order_id: o.order_id,
      order_no: o.order_no,
      status: o.status,
      status_text: ORDER_STATUS_TEXT[o.status] ?? o.status,
      order_date: o.order_date,
      delivery_date: o.delivery_date,
      total_materials: totalMaterials,
      completed_materials: done,
      progress_percent: totalMaterials ? Math.round((done / totalMaterials) * 100) : 0,
      updated_at: new Date(o.updated_at).toISOString(),
    };
  }

  async getOrderMaterials(companyId: string, orderId: string): Promise<Record<string, unknown> | null> {
    const order = await this.#order(companyId, 'order_id', orderId);
    if (!order) return null;
    const materials = await this.db
      .selectFrom('erp_order_materials')
      .select(['material_id', 'material_code', 'material_name', 'specification', 'quantity', 'unit', 'status'])
      .where('order_id', '=', orderId)
      .orderBy('seq')
      .execute();
    return { order_id: order.order_id, order_no: order.order_no, total: materials.length, materials };
  }

  async getMaterialProgress(companyId: string, materialId: string): Promise<Record<string, unknown> | null> {
    const m = await this.db
      .selectFrom('erp_order_materials as m')
      .innerJoin('erp_orders as o', 'o.order_id', 'm.order_id')
      .select(['m.material_id', 'm.material_code', 'm.material_name', 'm.status', 'm.order_id'])
      .where('m.material_id', '=', materialId)
      .where('o.company_id', '=', companyId)
      .executeTakeFirst();
    if (!m) return null;
    const steps = await this.db
      .selectFrom('erp_material_progress')
      .select(['seq', 'step_name', 'status', 'operator', 'started_at', 'completed_at', 'note'])
      .where('material_id', '=', materialId)
      .orderBy('seq')
      .execute();
    const done = steps.filter((s) => s.status === 'completed').length;
    return {
      ...m,
      progress_percent: steps.length ? Math.round((done / steps.length) * 100) : 0,
      current_step: steps.find((s) => s.status !== 'completed')?.step_name ?? null,
      steps,
    };
  }

  async getOrderDetail(companyId: string, idOrNo: string): Promise<ErpOrderDetail | null> {
    // the id first: an order number may look like another order's id, never the reverse
    const o = (await this.#order(companyId, 'order_id', idOrNo)) ?? (await this.#order(companyId, 'order_no', idOrNo));
    if (!o) return null;
    return {
      order_id: o.order_id,
      order_no: o.order_no,
      customer_name: o.customer_name,
      amount_cents: Number(o.total_amount_cents),
      order_date: o.order_date,
      created_at: o.order_date,
      status: o.status,
      delivery_date: o.delivery_date,
      remark: o.remark,
      delivery_orders: await embeddedDeliveryOrders(this.db, o.order_id),
    };
  }

  async listOrderStatuses(companyId: string, page: number, pageSize: number): Promise<{ orders: ErpOrderStatusRow[]; total: number }> {
    const base = this.db.selectFrom('erp_orders').where('company_id', '=', companyId);
    const { rows, total } = await pageOf(base, { page, pageSize }, (b) => b.select(['order_id', 'order_no', 'status']).orderBy('order_id'));
    return { orders: rows, total };
  }

  async findShipmentsOfLots(lots: readonly string[]): Promise<ErpLotShipment[]> {
    if (lots.length === 0) return [];
    const found: ErpLotShipment[] = [];
    for (let i = 0; i < lots.length; i += 500) {
      const rows = await this.db
        .selectFrom('erp_order_materials as m')
        .innerJoin('erp_orders as o', 'o.order_id', 'm.order_id')
        .innerJoin('erp_companies as c', 'c.company_id', 'o.company_id')
        .select([
          'm.lot',
          'c.company_id',
          'c.company_name',
          'o.order_id',
          'o.order_no',
          'o.order_date',
          'm.material_id',
          'm.material_name',
          'm.quantity',
          'm.unit',
        ])
        .where('m.lot', 'in', lots.slice(i, i + 500))
        .execute();
      for (const r of rows) found.push({ ...r, lot: r.lot as string, quantity: Number(r.quantity) });
    }
    return found.sort(
      (a, b) =>
        a.order_date.localeCompare(b.order_date) || a.order_id.localeCompare(b.order_id) || a.material_id.localeCompare(b.material_id),
    );
  }

  /** A company's order by id, or by number (the newest of that number). */
  #order(companyId: string, by: 'order_id' | 'order_no', value: string) {
    return this.db
      .selectFrom('erp_orders')
      .selectAll()
      .where('company_id', '=', companyId)
      .where(by, '=', value)
      .orderBy('order_date', 'desc')
      .executeTakeFirst();
  }

  async ping(): Promise<boolean> {
    try {
      await sql`select 1`.execute(this.db);
      return true;
    } catch {
      return false;
    }
  }
}
