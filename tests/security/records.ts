import { createAssay } from '../../src/services/master-data/assay-data.ts';
import { storeAttachment } from '../../src/services/master-data/attachments.ts';
import { customers, materials } from '../../src/services/master-data/contract-parties.ts';
import { createContract } from '../../src/services/master-data/contracts.ts';
import { createDepartment } from '../../src/services/master-data/departments.ts';
import { createMetalPrice } from '../../src/services/master-data/metal-prices.ts';
import { sampleReceipt } from '../../src/services/smelter/receipt-changes.ts';
import { createReceipt } from '../../src/services/smelter/receipts.ts';
import { addToWhitelist } from '../../src/services/tenants/whitelist.ts';
import { createTraceBatch } from '../../src/services/traces/batch-writes.ts';
import { startRecall } from '../../src/services/traces/recall/recall.ts';
import { makeUser } from '../factories.ts';
import { TENANTS, type Tenant, type World } from './world.ts';

/**
 * The tenant records the security matrix's fixtures (tests/security/fixtures.ts) address: each
 * kind makes a fresh record in a tenant, and reads its rows back to show a refused write left
 * them unchanged.
 */

/** A tenant's record as a request names it, and how to read it back. */
export interface TenantRecord {
  /** The value the request carries (path or query parameter, body reference). */
  id: string;
  /** The record's rows, to show a refused write left them unchanged. */
  snapshot(): Promise<unknown>;
}

type RecordMaker = (w: World, tenant: Tenant) => Promise<TenantRecord>;

const rowsOf = (w: World, table: 'users' | 'materials' | 'customers' | 'departments' | 'contracts' | 'assay_data', id: number) => () =>
  w.t.deps.db.selectFrom(table).selectAll().where('id', '=', id).execute();

async function department(w: World, tenant: Tenant): Promise<TenantRecord> {
  const d = await createDepartment(w.t.deps.db, TENANTS[tenant].factoryId, { name: `分厂${w.next()}` });
  return { id: String(d.id), snapshot: rowsOf(w, 'departments', d.id) };
}

async function contract(w: World, tenant: Tenant): Promise<TenantRecord> {
  const c = await createContract(w.t.deps.db, TENANTS[tenant].factoryId, {
    contract_type: '产品销售',
    contract_number: `CON${w.next()}`,
    pricing_method: 'weight',
  });
  const snapshot = async () => ({
    contract: await rowsOf(w, 'contracts', c.id)(),
    attachments: await w.t.deps.db
      .selectFrom('attachments')
      .selectAll()
      .where('related_type', '=', 'contract')
      .where('related_id', '=', c.id)
      .execute(),
  });
  return { id: String(c.id), snapshot };
}

async function customer(w: World, tenant: Tenant): Promise<TenantRecord> {
  const c = await customers.create(w.t.deps.db, TENANTS[tenant].factoryId, { name: '客户', code: `CU${w.next()}`, customer_type: '其他' });
  return { id: String(c.id), snapshot: rowsOf(w, 'customers', c.id) };
}

/** A weighed receipt under a fresh weight-priced contract of the tenant. */
async function receipt(w: World, tenant: Tenant) {
  const factoryId = TENANTS[tenant].factoryId;
  const owner = await w.user('factory', 'factory_super_admin', tenant);
  const c = await createContract(w.t.deps.db, factoryId, {
    contract_type: '原料采购',
    contract_number: `CON${w.next()}`,
    pricing_method: 'weight',
    unit_price: 1850,
    tax_rate: 0.13,
  });
  const r = await createReceipt(
    w.t.deps.db,
    { id: owner.id, factoryId },
    {
      contract_id: c.id,
      vehicle_plate: '浙A12345',
      gross_weight: 47960,
      tare_weight: 15480,
      weighed_at: '2024-01-30T08:15:00Z',
      weighbridge_operator: '王磅',
    },
  );
  const snapshot = async () => ({
    receipt: await w.t.deps.db.selectFrom('receipts').selectAll().where('id', '=', r.id).execute(),
    settlements: await w.t.deps.db.selectFrom('settlements').selectAll().where('contract_id', '=', c.id).execute(),
    logs: await w.t.deps.db.selectFrom('audit_logs').selectAll().where('contract_id', '=', c.id).execute(),
  });
  return { owner, contractId: c.id, receiptId: r.id, snapshot };
}

/**
 * The kinds of tenant record the fixtures address; each makes a fresh record in a tenant. Mini
 * tenants are ERP companies (seeded orders), the others factories.
 */
export const RECORDS = {
  erpOrder: async (w, tenant) => {
    const id = `${TENANTS[tenant].companyId}-ORD00001`;
    return { id, snapshot: () => w.t.deps.db.selectFrom('erp_orders').selectAll().where('order_id', '=', id).execute() };
  },
  erpMaterial: async (w, tenant) => {
    const id = `${TENANTS[tenant].companyId}-ORD00001-M1`;
    return { id, snapshot: () => w.t.deps.db.selectFrom('erp_order_materials').selectAll().where('material_id', '=', id).execute() };
  },
  trace: async (w, tenant) => {
    const batch = await createTraceBatch(w.t.deps.db, TENANTS[tenant].factoryId, {
      name: `Batch ${w.next()}`,
      productId: 'apple-01',
      quantity: 100,
      unitWeight: 0.2,
      harvestDate: '2024-05-15T08:00:00Z',
      farmId: 'farm-1',
    });
    const n = Number(batch.id.replace('trace-', ''));
    const snapshot = async () => ({
      batch: await w.t.deps.db.selectFrom('trace_batches').selectAll().where('id', '=', n).execute(),
      logs: await w.t.deps.db.selectFrom('trace_logs').selectAll().where('trace_id', '=', n).execute(),
    });
    return { id: batch.id, snapshot };
  },
  recall: async (w, tenant) => {
    const scope = { factoryId: TENANTS[tenant].factoryId, userId: null };
    const r = await startRecall(w.t.deps, scope, {
      lot: `urn:epc:class:lgtin:952012.0345678.M${w.next()}`,
      reason: 'matrix',
      notify: false,
    });
    return { id: String(r.id), snapshot: () => w.t.deps.db.selectFrom('recalls').selectAll().where('id', '=', r.id).execute() };
  },
  /** An unactivated account: every user operation (activate included) may address it. */
  pendingUser: async (w, tenant) => {
    const { id } = await makeUser(w.t, { role: 'unactivated', factoryId: TENANTS[tenant].factoryId });
    return { id: String(id), snapshot: rowsOf(w, 'users', id) };
  },
  whitelistEntry: async (w, tenant) => {
    const owner = await w.user('factory', 'factory_super_admin', tenant);
    const phone = `+86139${String(w.next()).padStart(8, '0')}`;
    const entry = await addToWhitelist(w.t.deps.db, TENANTS[tenant].factoryId, owner.id, { phone });
    return {
      id: String(entry.id),
      snapshot: () => w.t.deps.db.selectFrom('phone_whitelist').selectAll().where('id', '=', entry.id).execute(),
    };
  },
  material: async (w, tenant) => {
    const m = await materials.create(w.t.deps.db, TENANTS[tenant].factoryId, { name: '锌精矿', code: `ZN${w.next()}`, purpose: '原料' });
    return { id: String(m.id), snapshot: rowsOf(w, 'materials', m.id) };
  },
  customer,
  department,
  contract,
  assay: async (w, tenant) => {
    const branch = await department(w, tenant);
    const owner = await w.user('factory', 'factory_super_admin', tenant);
    const a = await createAssay(
      w.t.deps.db,
      { factoryId: TENANTS[tenant].factoryId, id: owner.id },
      {
        sample_name: `样品${w.next()}`,
        factory_id: Number(branch.id),
      },
    );
    return { id: String(a.id), snapshot: rowsOf(w, 'assay_data', a.id) };
  },
  metalPrice: async (w, tenant) => {
    const day = new Date(Date.UTC(2020, 0, 1) + w.next() * 86_400_000).toISOString().slice(0, 10);
    const p = await createMetalPrice(w.t.deps.db, TENANTS[tenant].factoryId, { quote_date: day, average_price: 21000, price_change: 10 });
    return { id: String(p.id), snapshot: () => w.t.deps.db.selectFrom('metal_prices').selectAll().where('id', '=', p.id).execute() };
  },
  attachment: async (w, tenant) => {
    const related = await contract(w, tenant);
    const owner = await w.user('factory', 'factory_super_admin', tenant);
    const a = await storeAttachment(
      w.t.deps,
      { id: owner.id, factoryId: TENANTS[tenant].factoryId },
      {
        relatedType: 'contract',
        relatedId: Number(related.id),
        namingRule: 'default',
        fileName: 'a.txt',
        mimeType: 'text/plain',
        data: new Blob(['x']),
      },
    );
    return { id: String(a.id), snapshot: () => w.t.deps.db.selectFrom('attachments').selectAll().where('id', '=', a.id).execute() };
  },
  /** A message in the message centre of the tenant's WeChat user. */
  message: async (w, tenant) => {
    const owner = await w.user('wechat', 'wechat_customer', tenant);
    const row = await w.t.deps.db
      .insertInto('user_messages')
      .values({
        user_id: owner.id,
        type: 'order_status',
        title: '订单状态更新',
        content: `订单 ${TENANTS[tenant].companyId}-ORD00001 已发货`,
        order_id: `${TENANTS[tenant].companyId}-ORD00001`,
        order_no: null,
        status: 'shipped',
        previous_status: 'producing',
        event_id: null,
        read_at: null,
        cleared_at: null,
        created_at: Date.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: String(row.id), snapshot: () => w.t.deps.db.selectFrom('user_messages').selectAll().where('id', '=', row.id).execute() };
  },
  receipt: async (w, tenant) => {
    const r = await receipt(w, tenant);
    return { id: String(r.receiptId), snapshot: r.snapshot };
  },
  /** `receiptId:assayId`: a sampled receipt and an assay record of the same tenant. */
  sampledReceipt: async (w, tenant) => {
    const r = await receipt(w, tenant);
    const actor = { id: r.owner.id, factoryId: TENANTS[tenant].factoryId };
    await sampleReceipt(w.t.deps.db, actor, r.receiptId, `样品${w.next()}`);
    const branch = await department(w, tenant);
    const a = await createAssay(w.t.deps.db, actor, { sample_name: `样品${w.next()}`, factory_id: Number(branch.id) });
    return { id: `${r.receiptId}:${a.id}`, snapshot: r.snapshot };
  },
  /** `contractId:receiptId`: a weight-priced contract with one unsettled receipt. */
  settleable: async (w, tenant) => {
    const r = await receipt(w, tenant);
    return { id: `${r.contractId}:${r.receiptId}`, snapshot: r.snapshot };
  },
  /** BI merchants are factories. */
  merchant: async (w, tenant) => {
    const id = TENANTS[tenant].factoryId;
    return { id, snapshot: () => w.t.deps.db.selectFrom('factories').selectAll().where('id', '=', id).execute() };
  },
} satisfies Record<string, RecordMaker>;

export type RecordKind = keyof typeof RECORDS;
