import { createHash, randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeFactoryUser, type TestUser } from '../factories.ts';
import { type FakeS3, startFakeS3 } from '../fakes/s3.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

const MB = 1024 * 1024;
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Attachments (spec 001) and mobile uploads (spec 002) through the app with STORAGE_DRIVER=s3. */
describe.each(DIALECTS)('uploads and downloads on S3 storage (%s)', (dialect) => {
  let s3: FakeS3;
  let t: TestApp;
  let a: TestUser;
  let contractId: number;

  beforeAll(async () => {
    s3 = await startFakeS3();
  });
  afterAll(() => s3.close());
  beforeEach(async () => {
    t = await createTestApp(dialect, { env: s3.env() });
    a = await makeFactoryUser(t);
    const res = await t.call('POST', '/api/contracts', {
      token: a.token,
      body: { contract_type: '产品销售', contract_number: 'CON-S3', pricing_method: 'weight' },
    });
    contractId = res.body.data.id;
  });
  afterEach(() => t.close());

  const attach = (file: Blob, name: string, token = a.token) => {
    const form = new FormData();
    form.set('related_type', 'contract');
    form.set('related_id', String(contractId));
    form.set('file', file, name);
    return t.call('POST', '/api/attachments', { token, body: form });
  };

  it('stores an attachment in the bucket under a random key and streams it back', async () => {
    // 6 MiB: more than one 5 MiB part, so the upload is a multipart one
    const content = new Uint8Array(randomBytes(6 * MB));
    const up = await attach(new Blob([content], { type: 'application/pdf' }), '质检报告.pdf');
    expect(up.status).toBe(201);
    expect(up.body.data).toMatchObject({ original_name: '质检报告.pdf', file_size: content.byteLength });
    const row = await t.deps.db.selectFrom('attachments').select('storage_name').executeTakeFirstOrThrow();
    expect(row.storage_name).toMatch(/^[0-9a-f-]{36}$/);
    expect(await t.deps.storage.attachments.exists(row.storage_name)).toBe(true);
    expect(s3.requests.some((r) => r.path === `/${s3.bucket}/attachments/${row.storage_name}` && r.query === 'uploads=')).toBe(true);

    const dl = await t.app.request(`/api/attachments/${up.body.data.id}/download`, { headers: { authorization: `Bearer ${a.token}` } });
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-type')).toBe('application/pdf');
    expect(dl.headers.get('content-length')).toBe(String(content.byteLength));
    expect(sha(new Uint8Array(await dl.arrayBuffer()))).toBe(sha(content));
  });

  it('answers FILE_NOT_FOUND when the object is gone from the bucket', async () => {
    const up = await attach(new Blob(['x']), 'a.txt');
    const row = await t.deps.db.selectFrom('attachments').select('storage_name').executeTakeFirstOrThrow();
    await t.deps.storage.attachments.delete(row.storage_name);
    const dl = await t.call('GET', `/api/attachments/${up.body.data.id}/download`, { token: a.token });
    expect(dl.status).toBe(404);
    expectErrorEnvelope('admin', dl.body);
  });

  it('refuses an oversized streamed body with 413 and writes nothing to the bucket', async () => {
    const before = s3.requests.filter((r) => r.method === 'PUT' || r.method === 'POST').length;
    const res = await attach(new Blob([new Uint8Array(20 * MB)]), 'big.bin');
    expect(res.status).toBe(413);
    expectErrorEnvelope('admin', res.body);
    expect(s3.requests.filter((r) => r.method === 'PUT' || r.method === 'POST')).toHaveLength(before);
    expect(await t.deps.db.selectFrom('attachments').selectAll().execute()).toEqual([]);
  });

  it('stores mobile uploads in the bucket, and none when one file is refused', async () => {
    const form = new FormData();
    form.append('files', new File([PNG], 'a.png', { type: 'image/png' }));
    form.append('category', 'quality');
    const res = await t.call('POST', '/api/mobile/upload/mobile', { token: a.token, body: form });
    expect(res.status).toBe(201);
    expect(res.body.files[0].fileName).toMatch(/^[0-9a-f]{32}\.png$/);
    expect(await t.deps.storage.uploads.exists(res.body.files[0].fileName)).toBe(true);

    const spoof = new FormData();
    spoof.append('files', new File([PNG], 'ok.png', { type: 'image/png' }));
    spoof.append('files', new File(['<html>'], 'evil.png', { type: 'image/png' }));
    const refused = await t.call('POST', '/api/mobile/upload/mobile', { token: a.token, body: spoof });
    expect(refused.status).toBe(415);
    expect(await t.deps.db.selectFrom('mobile_uploads').selectAll().execute()).toHaveLength(1);
  });
});
