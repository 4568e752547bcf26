import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { createStorage } from '../../src/integrations/storage/from-config.ts';
import type { FileStorage } from '../../src/integrations/storage/types.ts';
import { type FakeS3, startFakeS3 } from '../fakes/s3.ts';

const MB = 1024 * 1024;

/** `total` bytes of a deterministic pattern, produced 256 KiB at a time as it is read. */
function generated(total: number, failAfter?: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (failAfter !== undefined && sent >= failAfter) return controller.error(new Error('client went away'));
      if (sent >= total) return controller.close();
      const n = Math.min(256 * 1024, total - sent);
      const chunk = new Uint8Array(n);
      for (let i = 0; i < n; i++) chunk[i] = (sent + i) % 251;
      sent += n;
      controller.enqueue(chunk);
    },
  });
}

async function digest(stream: ReadableStream<Uint8Array>): Promise<{ bytes: number; sha: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  const reader = stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    hash.update(r.value);
    bytes += r.value.byteLength;
  }
  return { bytes, sha: hash.digest('hex') };
}

const text = async (s: ReadableStream<Uint8Array>) => new Response(s).text();

describe.each(['local', 's3'] as const)('file storage (%s)', (driver) => {
  let dir: string;
  let s3: FakeS3 | undefined;
  let store: FileStorage;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tracehub-store-'));
    s3 = driver === 's3' ? await startFakeS3() : undefined;
    const config = loadConfig({ NODE_ENV: 'test', UPLOAD_DIR: dir, ATTACHMENTS_DIR: join(dir, 'att'), ...s3?.env() });
    store = createStorage(config).uploads;
  });
  afterAll(async () => {
    await s3?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('puts bytes and a stream, gets them back as streams with their size, deletes them', async () => {
    expect(await store.put('k1.txt', new TextEncoder().encode('合同 contract'))).toEqual({ size: 15 });
    expect(await store.put('k2', new Blob(['streamed']).stream(), { contentType: 'text/plain' })).toEqual({ size: 8 });
    const one = await store.get('k1.txt');
    expect(one?.size).toBe(15);
    expect(await text(one!.stream)).toBe('合同 contract');
    expect(await text((await store.get('k2'))!.stream)).toBe('streamed');
    expect(await store.exists('k2')).toBe(true);
    await store.delete('k2');
    expect(await store.exists('k2')).toBe(false);
    expect(await store.get('k2')).toBeUndefined();
  });

  it('answers a missing key with undefined, and deleting one is no error', async () => {
    expect(await store.get('never-written')).toBeUndefined();
    expect(await store.exists('never-written')).toBe(false);
    await expect(store.delete('never-written')).resolves.toBeUndefined();
  });

  it('streams a 12 MiB file in and out unchanged', async () => {
    const size = 12 * MB;
    const expected = await digest(generated(size));
    expect(await store.put('large-file.bin', generated(size))).toEqual({ size });
    const got = await store.get('large-file.bin');
    expect(got?.size).toBe(size);
    expect(await digest(got!.stream)).toEqual(expected);
    if (s3) {
      // over one 5 MiB part: a multipart upload of three parts, every request signed
      const puts = s3.requests.filter((r) => r.path.endsWith('/uploads/large-file.bin'));
      expect(puts.filter((r) => r.method === 'PUT' && r.query.includes('partNumber='))).toHaveLength(3);
      expect(s3.requests.every((r) => r.signed)).toBe(true);
    }
    await store.delete('large-file.bin');
  });

  it('leaves nothing under the key when the body stream fails midway', async () => {
    await expect(store.put('broken.bin', generated(8 * MB, 6 * MB))).rejects.toThrow();
    expect(await store.exists('broken.bin')).toBe(false);
    if (!s3) expect(readdirSync(dir).filter((n) => n !== 'k1.txt')).toEqual([]);
  });

  it('refuses keys tracehub could not have generated', async () => {
    for (const key of ['../etc/passwd', 'a/b', '', '.hidden', 'x.TOOLONGEXT']) {
      await expect(store.put(key, new Uint8Array([1])), key).rejects.toThrow(/invalid storage key/);
      await expect(store.get(key), key).rejects.toThrow(/invalid storage key/);
    }
  });
});

describe('storage config', () => {
  it('names every missing S3 setting', () => {
    expect(() => loadConfig({ STORAGE_DRIVER: 's3' })).toThrow(/S3_BUCKET[\s\S]*S3_ACCESS_KEY_ID[\s\S]*S3_SECRET_ACCESS_KEY/);
    expect(() => loadConfig({ STORAGE_DRIVER: 'ftp' })).toThrow(/STORAGE_DRIVER/);
    expect(() => loadConfig({ STORAGE_DRIVER: 's3', S3_ENDPOINT: 'not a url' })).toThrow(/S3_ENDPOINT/);
  });
});
