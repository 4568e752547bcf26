import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { makeFactoryUser } from '../factories.ts';
import { eachTestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

const HEADER = 'metal_type,quote_date,high_price,low_price,average_price,price_change';

/** Metal quotes in and out as spreadsheets (issue 15). */
describe.each(DIALECTS)('metal price import/export on %s', (dialect) => {
  const w = eachTestApp(dialect, async (t) => ({ admin: await makeFactoryUser(t) }));

  const upload = (name: string, type: string, bytes: Uint8Array) => {
    const f = new FormData();
    f.set('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), name);
    return w.t.call('POST', '/api/metal-prices/import', { token: w.admin.token, body: f });
  };
  const csv = (lines: string[]) => new Uint8Array(Buffer.from([HEADER, ...lines].join('\n')));
  const raw = async (path: string) => {
    const res = await w.t.app.request(path, { headers: { authorization: `Bearer ${w.admin.token}` } });
    return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
  };
  const count = async () => (await w.t.call('GET', '/api/metal-prices?per_page=1', { token: w.admin.token })).body.total as number;

  it('imports a CSV, all rows or none; a bad row is named and nothing is written', async () => {
    const ok = await upload(
      'p.csv',
      'text/csv',
      csv(['1#锌,2024-01-29,22100,21800,21950,-50', '1#锌,2024-01-30,,,22010.5,60.5', ',2024-02-01,22300,22000,22130,120']),
    );
    expect(ok.status, ok.text).toBe(201);
    expect(ok.body).toMatchObject({ success: true, message: '导入成功', data: { imported: 3 } });
    const list = await w.t.call('GET', '/api/metal-prices?start_date=2024-01-30&end_date=2024-01-30', { token: w.admin.token });
    expect(list.body.prices[0]).toMatchObject({ metal_type: '1#锌', average_price: 22010.5, price_change: 60.5, high_price: null });

    const bad = await upload(
      'p.csv',
      'text/csv',
      csv([
        '1#锌,2024-03-01,22100,21800,21950,0',
        '1#锌,2024-02-30,22100,21800,21950,0', // row 3: no such day
        '1#锌,2024-03-02,21900,21800,21950,0', // row 4: high below average
        '1#锌,2024-03-01,22100,21800,21950,0', // row 5: duplicate of row 2
        '1#锌,2024-03-03,22100,21800,abc,0', // row 6: not a number
      ]),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error_code).toBe('VALIDATION_ERROR');
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual([
      'row 3 quote_date',
      'row 4 high_price',
      'row 5 quote_date',
      'row 6 average_price',
    ]);
    // a quote already stored is a duplicate too
    const again = await upload('p.csv', 'text/csv', csv(['1#锌,2024-03-05,22100,21800,21950,0', '1#锌,2024-01-29,22100,21800,21950,0']));
    expect(again.status).toBe(400);
    expect(again.body.details).toEqual([{ field: 'row 3 quote_date', message: '第 3 行 quote_date: 该金属当日报价已存在' }]);
    expect(await count()).toBe(3);

    expect((await upload('p.txt', 'text/plain', csv(['x']))).status).toBe(400);
    expect((await upload('p.xlsx', 'application/octet-stream', new Uint8Array([1, 2, 3]))).status).toBe(400);
  });

  it('round-trips XLSX: template, import, filtered export', async () => {
    const template = await raw('/api/metal-prices/template');
    expect(template.res.status).toBe(200);
    expect(template.res.headers.get('content-type')).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(template.bytes) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER.split(','));
    ws.spliceRows(2, 1);
    ws.addRow(['1#锌', new Date(Date.UTC(2024, 0, 31)), 22200, 21900, 22050, 40]);
    ws.addRow(['1#铅', '2024-01-31', 16500, 16300, 16400, -20]);
    const imported = await upload('p.xlsx', 'application/octet-stream', new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(imported.status, imported.text).toBe(201);
    expect(imported.body.data.imported).toBe(2);

    const exported = await raw('/api/metal-prices/export?format=xlsx&metal_type=1%23锌');
    expect(exported.res.status).toBe(200);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(Buffer.from(exported.bytes) as unknown as ArrayBuffer);
    expect(
      back.worksheets[0]!.getSheetValues()
        .slice(2)
        .map((r) => (r as unknown[]).slice(1)),
    ).toEqual([['1#锌', '2024-01-31', 22200, 21900, 22050, 40]]);

    const csvOut = await raw('/api/metal-prices/export?format=csv&start_date=2024-01-01&end_date=2024-12-31');
    expect(csvOut.res.headers.get('content-type')).toContain('text/csv');
    expect(
      Buffer.from(csvOut.bytes)
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    ).toBe(`${HEADER}\r\n1#锌,2024-01-31,22200,21900,22050,40\r\n1#铅,2024-01-31,16500,16300,16400,-20\r\n`);
  });

  it('imports 10,000 rows in one go and exports them page by page', async () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => {
      const day = new Date(Date.UTC(1990, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      return `1#锌,${day},${22000 + (i % 100)},${21000 + (i % 100)},${21500 + (i % 100)}.25,${(i % 7) - 3}`;
    });
    const res = await upload('big.csv', 'text/csv', csv(lines));
    expect(res.status, res.text).toBe(201);
    expect(res.body.data.imported).toBe(10_000);
    const out = await raw('/api/metal-prices/export?format=csv');
    const text = Buffer.from(out.bytes).toString('utf8');
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(10_001);
    expect(text).toContain('\r\n1#锌,2017-05-18,22099,21099,21599.25,');
  });
});
