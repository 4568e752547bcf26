import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { EmbeddedErp } from '../../src/integrations/erp/embedded.ts';
import { ErpHttpClient } from '../../src/integrations/erp/http-client.ts';
import { assertEpcisDocument } from '../../src/services/traces/epcis/schema.ts';
import { FSMA204_COLUMNS, fsma204File } from '../../src/services/traces/recall/fsma204.ts';
import { getRecall, listRecalls, startRecall } from '../../src/services/traces/recall/recall.ts';
import { startFakeErp } from '../fakes/erp-server.ts';
import { DIALECTS, freshDatabase, type TestDatabase } from '../helpers/db.ts';
import { captureChain, lot, seedFactories } from './fixtures.ts';

/** ERP companies C1 (PACK-B on SO-1), C2 (CASE on SO-2) and C3 (an unrelated lot), each with one bound mini user. */
async function seedErp(db: TestDatabase['db']) {
  const lines = [
    ['C1', 'SO-1', 'PACK-B', 340],
    ['C2', 'SO-2', 'CASE', 600],
    ['C3', 'SO-3', 'OTHER', 5],
  ] as const;
  for (const [company, orderNo, shipped, kg] of lines) {
    await db
      .insertInto('erp_companies')
      .values({ company_id: company, company_name: `公司${company}`, customer_id: company, invite_code: company })
      .execute();
    const order = {
      order_id: `O-${company}`,
      order_no: orderNo,
      company_id: company,
      customer_name: `公司${company}`,
      status: 'shipped' as const,
    };
    await db
      .insertInto('erp_orders')
      .values({ ...order, order_date: '2026-11-10T00:00:00Z', total_amount_cents: 100, updated_at: 0 })
      .execute();
    const line = {
      material_id: `M-${company}`,
      order_id: `O-${company}`,
      material_code: 'P',
      material_name: '腌制品',
      specification: null,
    };
    await db
      .insertInto('erp_order_materials')
      .values({ ...line, quantity: kg, unit: 'kg', status: 'shipped', seq: 1, lot: lot(shipped) })
      .execute();
    const user = await db
      .insertInto('users')
      .values({
        factory_id: null,
        user_type: 'wechat',
        username: null,
        email: null,
        phone: null,
        password_hash: null,
        name: null,
        role: 'customer',
        department: null,
        department_code: null,
        position: null,
        openid: `o-${company}`,
        nickname: null,
        avatar_url: null,
        created_at: 0,
        updated_at: 0,
        last_login_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('company_bindings')
      .values({ user_id: Number(user.id), company_id: company, company_name: `公司${company}`, customer_id: company, bound_at: 0 })
      .execute();
  }
}

describe.each(DIALECTS)('recall on %s', (dialect) => {
  let t: TestDatabase;
  let erp: EmbeddedErp;
  beforeEach(async () => {
    t = await freshDatabase(dialect);
    await seedFactories(t.db, 'FAC_A', 'FAC_B');
    await captureChain(t.db);
    await seedErp(t.db);
    erp = new EmbeddedErp(t.db, dialect);
  });
  afterEach(() => t.destroy());
  const platform = { factoryId: null, userId: null };

  it('finds every downstream lot, the companies and orders that received them, and messages their users', async () => {
    const r = await startRecall(
      { db: t.db, erp },
      platform,
      { lot: lot('RAW'), reason: 'Listeria found in raw lot' },
      Date.parse('2026-11-20T00:00:00Z'),
    );
    expect(r.affectedLots.map((l) => l.epc.split('.').pop())).toEqual(['RAW', 'WASHED', 'CURED', 'SLICED', 'PACK-A', 'PACK-B', 'CASE']);
    expect(r.companies).toEqual([
      { companyId: 'C1', companyName: '公司C1', orders: ['SO-1'] },
      { companyId: 'C2', companyName: '公司C2', orders: ['SO-2'] },
    ]);
    expect(r.fsma204.map((row) => [row['Critical Tracking Event'], row['Traceability Lot Code']?.toString().split('.').pop()])).toEqual([
      ['Transformation', 'WASHED'],
      ['Transformation', 'CURED'],
      ['Transformation', 'SLICED'],
      ['Transformation', 'PACK-A'],
      ['Transformation', 'PACK-B'],
      ['Transformation', 'CASE'],
      ['Shipping', 'PACK-B'],
      ['Shipping', 'CASE'],
    ]);
    expect(r.fsma204[1]).toMatchObject({
      'Input Traceability Lot Codes': `${lot('SALT')}; ${lot('WASHED')}`,
      Quantity: 990,
      'Unit of Measure': 'kg',
      'Event Date': '2026-11-02',
    });
    expect(r.fsma204[7]).toMatchObject({ 'Ship-To / Receiver': '公司C2 (C2)', 'Reference Document Number': 'SO-2', Quantity: 600 });
    assertEpcisDocument(r.epcis);
    expect((r.epcis as any).epcisBody.eventList).toHaveLength(5);
    expect(r.notified).toBe(2);
    const messages = await t.db.selectFrom('user_messages').select(['title', 'content', 'order_no']).orderBy('order_no').execute();
    expect(messages.map((m) => m.order_no)).toEqual(['SO-1', 'SO-2']);
    expect(messages[0]?.content).toContain('Listeria found in raw lot');
  });

  it('is recorded: listed newest first and read back as answered, only by its factory', async () => {
    const mine = await startRecall(
      { db: t.db, erp },
      { factoryId: 'FAC_A', userId: null },
      { lot: lot('RAW'), reason: 'first', notify: false },
    );
    expect(mine.affectedLots.map((l) => l.epc.split('.').pop())).toEqual(['RAW', 'WASHED', 'CURED', 'SLICED']);
    expect(mine.notified).toBe(0);
    const second = await startRecall(
      { db: t.db, erp },
      { factoryId: 'FAC_A', userId: null },
      { lot: lot('SLICED'), reason: 'second', notify: false },
    );
    expect((await listRecalls(t.db, 'FAC_A', { page: 1, perPage: 10 })).map((r) => [r.id, r.reason])).toEqual([
      [second.id, 'second'],
      [mine.id, 'first'],
    ]);
    expect(await getRecall(t.db, 'FAC_A', mine.id)).toEqual(mine);
    await expect(getRecall(t.db, 'FAC_B', mine.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await listRecalls(t.db, 'FAC_B', { page: 1, perPage: 10 })).toEqual([]);
  });

  it('writes the FSMA 204 sheet as a sortable XLSX and a CSV with the same rows', async () => {
    const r = await startRecall({ db: t.db, erp }, platform, { lot: lot('RAW'), reason: 'test', notify: false });
    const csv = (await fsma204File(r.fsma204, 'csv')).toString('utf8');
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(FSMA204_COLUMNS.map((c) => (c.includes(',') ? `"${c}"` : c)).join(','));
    expect(lines).toHaveLength(1 + r.fsma204.length);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fsma204File(r.fsma204, 'xlsx')) as any);
    const ws = wb.getWorksheet('FSMA 204')!;
    expect(ws.rowCount).toBe(1 + r.fsma204.length);
    expect(ws.getRow(9).getCell(FSMA204_COLUMNS.indexOf('Reference Document Number') + 1).value).toBe('SO-2');
    expect(ws.autoFilter).toBeTruthy();
  });

  it('answers 503 and records nothing when the ERP is down', async () => {
    const fake = await startFakeErp();
    try {
      fake.failNext(100, 503);
      const down = new ErpHttpClient({ baseUrl: fake.url, apiKey: fake.apiKey, timeoutMs: 500, retries: 0 });
      const err = await startRecall({ db: t.db, erp: down }, platform, { lot: lot('RAW'), reason: 'x' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('SERVICE_UNAVAILABLE');
      expect(await listRecalls(t.db, null, { page: 1, perPage: 10 })).toEqual([]);
      expect(await t.db.selectFrom('user_messages').select('id').execute()).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});
