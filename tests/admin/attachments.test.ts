import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FACTORY_B, makeFactoryUser, type TestUser } from '../factories.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

const MB = 1024 * 1024;

describe.each(DIALECTS)('admin attachments on %s', (dialect) => {
  let t: TestApp;
  let dir: string;
  let a: TestUser;
  let b: TestUser;
  let contractId: number;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tracehub-att-'));
    t = await createTestApp(dialect, { env: { ATTACHMENTS_DIR: dir } });
    a = await makeFactoryUser(t);
    b = await makeFactoryUser(t, { factoryId: FACTORY_B });
    const res = await t.call('POST', '/api/contracts', {
      token: a.token,
      body: { contract_type: '产品销售', contract_number: 'CON2024001', pricing_method: 'weight' },
    });
    contractId = res.body.data.id;
  });
  afterEach(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function upload(token: string | undefined, file: Blob, name: string, fields: Record<string, string> = {}) {
    const form = new FormData();
    form.set('related_type', 'contract');
    form.set('related_id', String(contractId));
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    form.set('file', file, name);
    const res = await t.app.request('/api/attachments', {
      method: 'POST',
      body: form,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: res.status, body: await res.json() };
  }

  it('uploads under a random name, lists, and downloads with the Chinese name intact', async () => {
    const content = new TextEncoder().encode('%PDF-1.4 合同内容');
    const name = '合同文件 (最终版).pdf';
    const up = await upload(a.token, new Blob([content], { type: 'application/pdf' }), name);
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({
      success: true,
      message: '文件上传成功',
      data: { original_name: name, file_type: 'pdf', file_size: content.byteLength, related_type: 'contract', related_id: contractId },
    });
    expect(up.body.data.file_path).toMatch(new RegExp(`^/uploads/contracts/contract_${contractId}_[0-9a-f]{8}\\.pdf$`));
    const stored = await readdir(dir);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatch(/^[0-9a-f-]{36}$/);

    const list = await t.call('GET', `/api/attachments/contract/${contractId}`, { token: a.token });
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ attachments: [up.body.data] });

    const dl = await t.app.request(`/api/attachments/${up.body.data.id}/download`, { headers: { authorization: `Bearer ${a.token}` } });
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-type')).toBe('application/pdf');
    const disposition = dl.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    const star = /filename\*=UTF-8''(.+)$/.exec(disposition)![1]!;
    expect(star).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]+$/); // RFC 8187 attr-chars only
    expect(decodeURIComponent(star)).toBe(name);
    expect(new Uint8Array(await dl.arrayBuffer())).toEqual(content);
  });

  it('refuses a 20 MB upload with 413 and leaves no file behind', async () => {
    const big = new Blob([new Uint8Array(20 * MB)]);
    const res = await upload(a.token, big, 'big.bin');
    expect(res.status).toBe(413);
    expectErrorEnvelope('admin', res.body);
    expect(await readdir(dir)).toEqual([]);
    expect(await t.deps.db.selectFrom('attachments').selectAll().execute()).toEqual([]);
    // just over the limit, under the multipart allowance: refused by the service, still no file
    const over = await upload(a.token, new Blob([new Uint8Array(10 * MB + 1)]), 'over.bin');
    expect(over.status).toBe(413);
    expect(await readdir(dir)).toEqual([]);
  });

  it("never lets the client's name or fields reach the file system; bad fields answer 400", async () => {
    const up = await upload(a.token, new Blob(['x']), '../../etc/passwd', { naming_rule: 'original' });
    expect(up.status).toBe(201);
    expect(up.body.data.original_name).toBe('passwd');
    expect(up.body.data.file_path).toBe('/uploads/contracts/passwd');
    expect(await readdir(dir)).toHaveLength(1);
    for (const fields of [{ related_type: '../x' }, { related_id: 'abc' }, { naming_rule: 'mine' }] as Record<string, string>[]) {
      const res = await upload(a.token, new Blob(['x']), 'a.txt', fields);
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expectErrorEnvelope('admin', res.body);
      expect(res.body.error_code).toBe('VALIDATION_ERROR');
    }
    const noFile = await t.app.request('/api/attachments', {
      method: 'POST',
      body: (() => {
        const f = new FormData();
        f.set('related_type', 'contract');
        f.set('related_id', String(contractId));
        return f;
      })(),
      headers: { authorization: `Bearer ${a.token}` },
    });
    expect(noFile.status).toBe(400);
  });

  it("hides factory A's attachments from factory B (404) and checks permissions", async () => {
    const up = await upload(a.token, new Blob(['secret']), 'a.txt');
    const dl = await t.call('GET', `/api/attachments/${up.body.data.id}/download`, { token: b.token });
    expect(dl.status).toBe(404);
    expectErrorEnvelope('admin', dl.body);
    const list = await t.call('GET', `/api/attachments/contract/${contractId}`, { token: b.token });
    expect(list.status).toBe(404);
    expectErrorEnvelope('admin', list.body);
    const intoA = await upload(b.token, new Blob(['x']), 'b.txt');
    expect(intoA.status).toBe(400);

    const noPerm = await makeFactoryUser(t, { role: 'unactivated' });
    const refused = await upload(noPerm.token, new Blob(['x']), 'c.txt');
    expect(refused.status).toBe(403);
    expect(refused.body.error_code).toBe('PERMISSION_DENIED');
  });
});
