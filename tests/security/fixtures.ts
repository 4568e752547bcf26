import { chainDocument } from '../epcis/fixtures.ts';
import { FACTORY_A } from '../factories.ts';
import type { RecordKind } from './records.ts';

/**
 * The security matrix's fixtures (tests/security/matrix.test.ts): for every protected operation,
 * a valid request of tenant A's fully privileged user, and the kind of tenant record it addresses
 * (tests/security/records.ts); the users and tenants are tests/security/world.ts's.
 */

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
 * A write whose body references a tenant's `record` by id: tenant B's is refused as an invalid
 * reference (VALIDATION_FAILED, as spec 001 answers), not as a missing resource.
 */
const referencing = (record: RecordKind, body: (id: number) => Body): Fixture => ({
  record,
  tenantAnswer: 'VALIDATION_FAILED',
  body: (id) => body(Number(id)),
});

/** `contractId:receiptId` of a settleable record: the contract in the path, the receipt in the body. */
const settle: Fixture = {
  record: 'settleable',
  params: (id) => ({ contract_id: id.split(':')[0]! }),
  body: (id) => ({ receipt_ids: [Number(id.split(':')[1])] }),
};

/**
 * The five operations of a tenant-scoped CRUD under `key` (src/routers/master-data/crud-procedures.ts):
 * list, `create`, and get, update (with `update` as the body) and delete of a `record`.
 */
const crud = (key: string, record: RecordKind, create: Fixture, update: Body): Record<string, Fixture> => ({
  [`${key}.list`]: {},
  [`${key}.create`]: create,
  [`${key}.get`]: { record },
  [`${key}.update`]: { record, body: update },
  [`${key}.delete`]: { record },
});

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
  ...crud(
    'admin.users',
    'pendingUser',
    { body: { username: 'matrix_new', email: 'matrix_new@example.com', password: 'secret1' } },
    { name: '改名' },
  ),
  ...crud('admin.materials', 'material', { body: { name: '锌精矿', code: 'ZN-NEW', purpose: '原料' } }, { name: '改名' }),
  ...crud('admin.customers', 'customer', { body: { name: '客户', code: 'CU-NEW', customer_type: '其他' } }, { name: '改名' }),
  ...crud(
    'admin.departments',
    'department',
    referencing('department', (id) => ({ name: '化验室', parent_id: id })),
    { name: '改名' },
  ),
  ...crud(
    'admin.contracts',
    'contract',
    referencing('customer', (id) => ({ contract_type: '产品销售', contract_number: 'CON-NEW', pricing_method: 'weight', customer_id: id })),
    { coefficient: 1.5 },
  ),
  ...crud(
    'admin.assayData',
    'assay',
    referencing('department', (id) => ({ sample_name: '样品', factory_id: id })),
    { zinc_content: 42.5 },
  ),
  ...crud(
    'admin.metalPrices',
    'metalPrice',
    { body: { quote_date: '2019-06-01', average_price: 21000, price_change: 10 } },
    { average_price: 22000 },
  ),
  'admin.contracts.archive': { record: 'contract' },
  'admin.receipts.list': {},
  'admin.receipts.create': referencing('contract', (id) => ({
    contract_id: id,
    vehicle_plate: '浙A12345',
    gross_weight: 47960,
    tare_weight: 15480,
    weighed_at: '2024-01-30T08:15:00Z',
    weighbridge_operator: '王磅',
  })),
  'admin.receipts.get': { record: 'receipt' },
  'admin.receipts.update': { record: 'receipt', body: { vehicle_plate: '浙B00001' } },
  'admin.receipts.delete': { record: 'receipt' },
  'admin.receipts.sample': { record: 'receipt', body: { sample_name: '样品001' } },
  'admin.receipts.assay': {
    record: 'sampledReceipt',
    params: (id) => ({ receipt_id: id.split(':')[0]! }),
    body: (id) => ({ assay_id: Number(id.split(':')[1]) }),
  },
  'admin.settlements.preview': settle,
  'admin.settlements.confirm': settle,
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
  'admin.attachments.upload': referencing('contract', (id) =>
    form({ related_type: 'contract', related_id: String(id) }, { name: 'a.txt', type: 'text/plain', bytes: new Uint8Array([120]) }),
  ),
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
  'orders.traces.genealogy': { record: 'trace' },
  'orders.traces.inputs': {
    record: 'trace',
    body: { inputs: [{ epcClass: 'https://id.gs1.org/01/09520123456788/10/SUP1', quantityKg: 5 }] },
  },
  'orders.traces.recalls.create': { body: { lot: 'urn:epc:class:lgtin:952012.0345678.MATRIX', reason: 'matrix', notify: false } },
  'orders.traces.recalls.list': {},
  'orders.traces.recalls.get': { record: 'recall' },
  'orders.traces.recalls.fsma204': { record: 'recall' },

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
