import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeFactory, makeUser, mobileLogin } from '../factories.ts';
import { eachTestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { expectErrorEnvelope } from '../helpers/security.ts';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70, 0]);
const WEBP = new Uint8Array([...Buffer.from('RIFF'), 30, 0, 0, 0, ...Buffer.from('WEBPVP8 '), 0, 0, 0, 0]);

describe.each(DIALECTS)('mobile upload on %s', (dialect) => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true })); // registered first: runs after the app closed
  /** An operator who uploads and a viewer who may not, of one factory; uploads land in a fresh `dir`. */
  const w = eachTestApp(
    dialect,
    async (t) => {
      await makeFactory(t, 'FU_2024_001');
      const opId = (await makeUser(t, { username: 'op_u', role: 'operator', factoryId: 'FU_2024_001' })).id;
      await makeUser(t, { username: 'viewer_u', role: 'viewer', factoryId: 'FU_2024_001' });
      return { opId, token: (await mobileLogin(t, 'op_u')).token };
    },
    () => {
      dir = mkdtempSync(join(tmpdir(), 'tracehub-up-'));
      return { env: { UPLOAD_DIR: dir } };
    },
  );

  const upload = (files: [string, Uint8Array, string][], tok = w.token, extra: Record<string, string> = {}) => {
    const form = new FormData();
    for (const [name, bytes, type] of files) form.append('files', new File([bytes as Uint8Array<ArrayBuffer>], name, { type }));
    for (const [k, v] of Object.entries(extra)) form.append(k, v);
    return w.t.app.request('/api/mobile/upload/mobile', { method: 'POST', body: form, headers: { authorization: `Bearer ${tok}` } });
  };

  it('stores JPG/PNG/WebP under random names with metadata rows', async () => {
    const res = await upload(
      [
        ['a.png', PNG, 'image/png'],
        ['b.jpg', JPEG, 'image/jpeg'],
        ['../../c.webp', WEBP, 'image/webp'],
      ],
      w.token,
      { category: 'quality', metadata: '{"batch":"B1"}' },
    );
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.success).toBe(true);
    expect(body.count).toBe(3);
    expect(body.files.map((f: { mimeType: string }) => f.mimeType)).toEqual(['image/png', 'image/jpeg', 'image/webp']);
    const names = readdirSync(dir).sort();
    expect(names).toHaveLength(3);
    for (const n of names) expect(n).toMatch(/^[0-9a-f]{32}\.(png|jpg|webp)$/);
    const rows = await w.t.deps.db.selectFrom('mobile_uploads').selectAll().execute();
    expect(rows.map((r) => r.original_name)).toContain('../../c.webp');
    expect(rows.every((r) => r.user_id === w.opId && r.category === 'quality')).toBe(true);
  });

  it('refuses type spoofing, oversize and too many files, leaving nothing behind', async () => {
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    const spoof = await upload([
      ['ok.png', PNG, 'image/png'],
      ['evil.png', html, 'image/png'],
    ]);
    expect(spoof.status).toBe(415);
    expectErrorEnvelope('mobile', await spoof.json());
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PNG);
    const tooBig = await upload([['big.png', big, 'image/png']]);
    expect(tooBig.status).toBe(413);
    expectErrorEnvelope('mobile', await tooBig.json());
    const many = await upload(Array.from({ length: 11 }, (_, i) => [`${i}.png`, PNG, 'image/png'] as [string, Uint8Array, string]));
    expect(many.status).toBe(400);
    expectErrorEnvelope('mobile', await many.json());
    const none = await upload([]);
    expect(none.status).toBe(400);
    expect(readdirSync(dir)).toHaveLength(0);
    expect(await w.t.deps.db.selectFrom('mobile_uploads').selectAll().execute()).toHaveLength(0);
  });

  it('needs attachment_create', async () => {
    const viewer = (await mobileLogin(w.t, 'viewer_u')).token;
    const res = await upload([['a.png', PNG, 'image/png']], viewer);
    expect(res.status).toBe(403);
    expectErrorEnvelope('mobile', await res.json());
  });
});
