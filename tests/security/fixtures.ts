import type { UserKind } from '../../src/edge/meta.ts';
import type { TokenFamily } from '../../src/services/identity/tokens.ts';
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
import { chainDocument } from '../epcis/fixtures.ts';
import { boundMiniUser, FACTORY_A, FACTORY_B, makeFactory, makeUser, seedCompanies, tokenFor } from '../factories.ts';
import type { TestApp } from '../helpers/app.ts';

/**
 * The security matrix's fixtures (tests/security/matrix.test.ts): for every protected operation,
 * a valid request of tenant A's fully privileged user, and the tenant record it addresses.
 */

export type Tenant = 'A' | 'B';

/** Tenant A and B: factories for the staff and v1 families, ERP companies for the mini-program. */
export const TENANTS = {
  A: { factoryId: FACTORY_A, companyId: 'COMPA', inviteCode: 'INV-A' },
  B: { factoryId: FACTORY_B, companyId: 'COMPB', inviteCode: 'INV-B' },
} as const;

export interface WorldUser {
  id: number;
  kind: UserKind;
  role: string;
  factoryId: string | null;
}

/** The users and tokens of one test app: two tenants, users created on first use and kept. */
export class World {
  readonly #users = new Map<string, Promise<WorldUser>>();
  #seq = 0;

  private constructor(readonly t: TestApp) {}

  static async create(t: TestApp): Promise<World> {
    await makeFactory(t, FACTORY_A);
    await makeFactory(t, FACTORY_B);
    await seedCompanies(t, 2);
    return new World(t);
  }

  /** A number unique in this world, for codes and names under unique constraints. */
  next(): number {
    return ++this.#seq;
  }

  /** The user of a kind and role in a tenant (WeChat users are bound to its company). */
  user(kind: UserKind, role: string, tenant: Tenant = 'A'): Promise<WorldUser> {
    const key = `${kind}/${role}/${tenant}`;
    let user = this.#users.get(key);
    if (!user) {
      user = this.#createUser(kind, role, tenant);
      this.#users.set(key, user);
    }
    return user;
  }

  async #createUser(kind: UserKind, role: string, tenant: Tenant): Promise<WorldUser> {
    if (kind === 'wechat') {
      const { userId } = await boundMiniUser(this.t, `matrix-${tenant}-${this.next()}`, TENANTS[tenant].inviteCode);
      return { id: Number(userId), kind, role: 'wechat_customer', factoryId: null };
    }
    const factoryId = kind === 'factory' ? TENANTS[tenant].factoryId : null;
    const { id } = await makeUser(this.t, { kind, role, factoryId });
    return { id, kind, role, factoryId };
  }

  /** A fresh one-hour access token of `family` for the user; `scope` makes it a delegated token. */
  async token(user: WorldUser, family: TokenFamily, scope?: string): Promise<string> {
    return tokenFor(this.t, user, family, scope === undefined ? {} : { scope });
  }
}

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

type Values = Record<string, string>;
type Body = Record<string, unknown> | FormData;
type Of<T> = T | ((id: string) => T);

/**
 * A valid request of tenant A's fully privileged user for one operation. Functions get the id of
 * the `record` (tenant A's for every check, tenant B's for the tenant check).
 */
export interface Fixture {
  /** The tenant record the request addresses; its id fills the template's only path parameter unless `params` says otherwise. */
  record?: RecordKind;
  /** Why an operation with path parameters addresses no tenant's record. */
  noTenantCheck?: string;
  /** How tenant B's record is refused: NOT_FOUND (an id in the path or query), VALIDATION_FAILED (a body reference, as spec 001 answers). */
  tenantAnswer?: 'NOT_FOUND' | 'VALIDATION_FAILED';
  params?: Of<Values>;
  query?: Of<Values>;
  /** JSON, or FormData for multipart operations (built per request). */
  body?: Of<Body>;
}

/** A 1×1 PNG, for the image uploads. */
const PNG = new Uint8Array(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
);

function form(
  fields: Record<string, string>,
  file: { name: string; type: string; bytes: Uint8Array<ArrayBuffer> },
  fileField = 'file',
): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  f.set(fileField, new Blob([file.bytes], { type: file.type }), file.name);
  return f;
}

/**
 * Every protected operation, by procedure path. A new protected operation without an entry fails
 * the matrix, as does an entry for an operation that no longer exists. One line where possible.
 */
export const FIXTURES: Record<string, Fixture> = {
  // mini (spec 000)
  'auth.bindCompany': { body: { inviteCode: 'INV-A' } },
  'auth.profile': {},
  'orders.search': { query: { pageSize: '5' } },
  'orders.status': { record: 'erpOrder' },
  'orders.materials': { record: 'erpOrder' },
  'orders.materialProgress': { record: 'erpMaterial' },
  'wechat.sendTemplateMessage': { body: { templateId: 'TPL-1', data: { thing1: { value: '订单已发货' } } } },
  'orders.detail': { record: 'erpOrder' },
  'wechat.messages.history': { query: { page: '1', pageSize: '10' } },
  'wechat.messages.markRead': { record: 'message', body: (id) => ({ messageId: id }) },
  'wechat.messages.markAllRead': { body: {} },
  'wechat.messages.clearAll': { body: {} },
  'wechat.recordSubscriptions': { body: { results: { 'TPL-ORDER': 'accept' } } },
  'wechat.notificationSettings': {},
  'wechat.updateNotificationSettings': { body: { wechatPush: false } },
  'admin.erpStatus': {},
  'admin.performanceMetrics': {},

  // admin (spec 001)
  'auth.logout': { body: {} },
  'auth.me': {},
  'admin.users.list': {},
  'admin.users.create': { body: { username: 'matrix_new', email: 'matrix_new@example.com', password: 'secret1' } },
  'admin.users.get': { record: 'pendingUser' },
  'admin.users.update': { record: 'pendingUser', body: { name: '改名' } },
  'admin.users.delete': { record: 'pendingUser' },
  'admin.materials.list': {},
  'admin.materials.create': { body: { name: '锌精矿', code: 'ZN-NEW', purpose: '原料' } },
  'admin.materials.get': { record: 'material' },
  'admin.materials.update': { record: 'material', body: { name: '改名' } },
  'admin.materials.delete': { record: 'material' },
  'admin.customers.list': {},
  'admin.customers.create': { body: { name: '客户', code: 'CU-NEW', customer_type: '其他' } },
  'admin.customers.get': { record: 'customer' },
  'admin.customers.update': { record: 'customer', body: { name: '改名' } },
  'admin.customers.delete': { record: 'customer' },
  'admin.departments.list': {},
  'admin.departments.create': {
    record: 'department',
    tenantAnswer: 'VALIDATION_FAILED',
    body: (id) => ({ name: '化验室', parent_id: Number(id) }),
  },
  'admin.departments.get': { record: 'department' },
  'admin.departments.update': { record: 'department', body: { name: '改名' } },
  'admin.departments.delete': { record: 'department' },
  'admin.contracts.list': {},
  'admin.contracts.create': {
    record: 'customer',
    tenantAnswer: 'VALIDATION_FAILED',
    body: (id) => ({ contract_type: '产品销售', contract_number: 'CON-NEW', pricing_method: 'weight', customer_id: Number(id) }),
  },
  'admin.contracts.get': { record: 'contract' },
  'admin.contracts.update': { record: 'contract', body: { coefficient: 1.5 } },
  'admin.contracts.delete': { record: 'contract' },
  'admin.assayData.list': {},
  'admin.assayData.create': {
    record: 'department',
    tenantAnswer: 'VALIDATION_FAILED',
    body: (id) => ({ sample_name: '样品', factory_id: Number(id) }),
  },
  'admin.assayData.get': { record: 'assay' },
  'admin.assayData.update': { record: 'assay', body: { zinc_content: 42.5 } },
  'admin.assayData.delete': { record: 'assay' },
  'admin.metalPrices.list': {},
  'admin.metalPrices.create': { body: { quote_date: '2019-06-01', average_price: 21000, price_change: 10 } },
  'admin.metalPrices.get': { record: 'metalPrice' },
  'admin.metalPrices.update': { record: 'metalPrice', body: { average_price: 22000 } },
  'admin.metalPrices.delete': { record: 'metalPrice' },
  'admin.contracts.archive': { record: 'contract' },
  'admin.receipts.list': {},
  'admin.receipts.create': {
    record: 'contract',
    tenantAnswer: 'VALIDATION_FAILED',
    body: (id) => ({
      contract_id: Number(id),
      vehicle_plate: '浙A12345',
      gross_weight: 47960,
      tare_weight: 15480,
      weighed_at: '2024-01-30T08:15:00Z',
      weighbridge_operator: '王磅',
    }),
  },
  'admin.receipts.get': { record: 'receipt' },
  'admin.receipts.update': { record: 'receipt', body: { vehicle_plate: '浙B00001' } },
  'admin.receipts.delete': { record: 'receipt' },
  'admin.receipts.sample': { record: 'receipt', body: { sample_name: '样品001' } },
  'admin.receipts.assay': {
    record: 'sampledReceipt',
    params: (id) => ({ receipt_id: id.split(':')[0]! }),
    body: (id) => ({ assay_id: Number(id.split(':')[1]) }),
  },
  'admin.settlements.preview': {
    record: 'settleable',
    params: (id) => ({ contract_id: id.split(':')[0]! }),
    body: (id) => ({ receipt_ids: [Number(id.split(':')[1])] }),
  },
  'admin.settlements.confirm': {
    record: 'settleable',
    params: (id) => ({ contract_id: id.split(':')[0]! }),
    body: (id) => ({ receipt_ids: [Number(id.split(':')[1])] }),
  },
  'admin.settlements.list': { record: 'contract' },
  'admin.auditLogs.list': {},
  'admin.metalPriceFiles.import': {
    body: () =>
      form(
        {},
        {
          name: 'p.csv',
          type: 'text/csv',
          bytes: new Uint8Array(
            Buffer.from('metal_type,quote_date,high_price,low_price,average_price,price_change\n1#锌,2018-03-01,,,21000,10\n'),
          ),
        },
      ),
  },
  'admin.metalPriceFiles.export': { query: { format: 'csv' } },
  'admin.metalPriceFiles.template': {},
  'admin.auditLogs.contract': { record: 'contract' },
  'admin.attachments.upload': {
    record: 'contract',
    tenantAnswer: 'VALIDATION_FAILED',
    body: (id) => form({ related_type: 'contract', related_id: id }, { name: 'a.txt', type: 'text/plain', bytes: new Uint8Array([120]) }),
  },
  'admin.attachments.download': { record: 'attachment' },
  'admin.attachments.list': { record: 'contract', params: (id) => ({ related_type: 'contract', related_id: id }) },

  // mobile (spec 002)
  'auth.mobile.logout': { body: {} },
  'auth.mobile.profile': {},
  'auth.mobile.bindDevice': { body: { deviceId: 'matrix-device' } },
  'auth.mobile.devices': {},
  'auth.permissions.batchCheck': { body: { permissionChecks: [{ type: 'permission', values: ['user_read'] }] } },
  'auth.changePassword': { body: { oldPassword: 'Passw0rd!', newPassword: 'Newpass123' } },
  'admin.userActivation.pending': {},
  'admin.userActivation.activate': { record: 'pendingUser', body: { roleCode: 'operator' } },
  'admin.userActivation.resetPassword': { record: 'pendingUser', body: { newPassword: 'Reset1234' } },
  'admin.whitelist.list': {},
  'admin.whitelist.add': { body: { phoneNumber: '13912345678' } },
  'admin.whitelist.remove': { record: 'whitelistEntry' },
  'admin.factories.list': {},
  'admin.oauthClients.list': {},
  'admin.oauthClients.create': { body: () => ({ clientId: `cli-${Math.random().toString(36).slice(2, 10)}`, name: 'BI CLI' }) },
  'admin.oauthClients.disable': { params: { clientId: 'bi-cli-prod' }, noTenantCheck: 'platform admins manage every OAuth client' },
  'admin.factories.create': { body: { name: '新工厂' } },
  'admin.factories.createAdmin': {
    noTenantCheck: 'platform administrators manage every factory',
    params: { factoryId: FACTORY_A },
    body: { username: 'matrix_admin', password: 'Admin1234', fullName: '管理员' },
  },
  'admin.mobileUpload': { body: () => form({ category: 'matrix' }, { name: 'p.png', type: 'image/png', bytes: PNG }, 'files') },
  'bi.analysis': { body: { data: '批次 A123 的检测数据' } },

  // v1 (spec 003)
  'auth.v1.refresh': { body: {} },
  'orders.traces.createMany': {
    body: { items: [{ name: 'Batch', productId: 'p-1', quantity: 10, unitWeight: 0.5, harvestDate: '2024-05-15', farmId: 'f-1' }] },
  },
  'orders.traces.list': {},
  'orders.traces.create': {
    body: { name: 'Batch', productId: 'p-1', quantity: 10, unitWeight: 0.5, harvestDate: '2024-05-15', farmId: 'f-1' },
  },
  'orders.traces.get': { record: 'trace' },
  'orders.traces.replace': {
    record: 'trace',
    body: { name: 'Replaced', productId: 'p-2', quantity: 5, unitWeight: 1, harvestDate: '2024-06-01', farmId: 'f-2' },
  },
  'orders.traces.update': { record: 'trace', body: { quantity: 7 } },
  'orders.traces.delete': { record: 'trace' },
  'orders.traces.logs': { record: 'trace' },
  'orders.traces.addLog': { record: 'trace', body: { eventType: 'inspection', notes: 'ok' } },
  'orders.traces.qrCode': { record: 'trace' },
  'orders.traces.epcis.capture': { body: () => chainDocument() },
  'orders.traces.epcis.events': { query: { EQ_bizStep: 'shipping' } },
  'orders.traces.epcisDocument': { record: 'trace' },

  // bi (spec 004)
  'auth.userInfo': {},
  'bi.sales': { record: 'merchant', query: (id) => ({ merchant_id: id }) },
  'bi.topProducts': { record: 'merchant', query: (id) => ({ merchant_id: id }) },
  'bi.customers': { record: 'merchant', query: (id) => ({ merchant_id: id }) },
  'bi.financial': { record: 'merchant', query: (id) => ({ merchant_id: id }) },
  'bi.platformOverview': { query: { month: '2024-01' } },
  'bi.commerce.products': { record: 'merchant' },
  'bi.commerce.orders': { record: 'merchant', query: (id) => ({ merchant_id: id }) },
};
