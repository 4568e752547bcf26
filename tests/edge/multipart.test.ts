import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseMultipart } from '../../src/edge/multipart.ts';
import { AppError } from '../../src/errors.ts';

/** A multipart body as undici encodes it: its stream and Content-Type. */
async function encode(form: FormData): Promise<{ body: ReadableStream<Uint8Array>; type: string }> {
  const req = new Request('http://x/', { method: 'POST', body: form });
  return { body: req.body as ReadableStream<Uint8Array>, type: req.headers.get('content-type') as string };
}

/** A stream of `bytes`, erroring after them when `thenFail`. */
function streamOf(bytes: Uint8Array, thenFail = false): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(c) {
      c.enqueue(bytes);
      if (thenFail) c.error(new Error('socket hang up'));
      else c.close();
    },
  });
}

const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e) => (e instanceof AppError ? e.code : `raw ${e}`),
  );

describe('streamed multipart parsing (src/edge/multipart.ts)', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tracehub-mp-test-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('hands on fields and file-backed Files in body order, and cleanup removes the temporary files', async () => {
    const form = new FormData();
    form.append('files', new File([new Uint8Array(300_000).fill(7)], '../相册/照片 1.png', { type: 'image/png' }));
    form.append('category', 'quality');
    form.append('files', new File(['second'], 'b.jpg', { type: 'image/jpeg' }));
    const { body, type } = await encode(form);
    const parsed = await parseMultipart(body, type, 1024 * 1024, root);
    const files = parsed.fields.files as File[];
    expect(parsed.fields.category).toBe('quality');
    expect(files.map((f) => [f.name, f.type, f.size])).toEqual([
      ['../相册/照片 1.png', 'image/png', 300_000],
      ['b.jpg', 'image/jpeg', 6],
    ]);
    expect(await files[1]!.text()).toBe('second');
    expect(readdirSync(root)).toHaveLength(1);
    await parsed.cleanup();
    expect(readdirSync(root)).toEqual([]);
  });

  it('stops at the body limit with 413 and leaves no temporary file', async () => {
    const form = new FormData();
    form.append('file', new File([new Uint8Array(2 * 1024 * 1024)], 'big.bin'));
    const { body, type } = await encode(form);
    expect(await codeOf(parseMultipart(body, type, 1024 * 1024, root))).toBe('PAYLOAD_TOO_LARGE');
    expect(readdirSync(root)).toEqual([]);
  });

  it('refuses bad framing (400) and a broken body (client aborted), leaving nothing behind', async () => {
    const framing = new TextEncoder().encode('--b\r\ncontent-disposition: form-data; name="file"; filename="a"\r\n\r\nhalf a file');
    expect(await codeOf(parseMultipart(streamOf(framing), 'multipart/form-data; boundary=b', 1024, root))).toBe('MALFORMED_REQUEST');
    expect(await codeOf(parseMultipart(streamOf(framing), 'multipart/form-data', 1024, root))).toBe('MALFORMED_REQUEST');
    expect(await codeOf(parseMultipart(streamOf(framing, true), 'multipart/form-data; boundary=b', 1024, root))).toBe('CLIENT_ABORTED');
    expect(readdirSync(root)).toEqual([]);
  });

  it('refuses a body of more file parts than any operation takes', async () => {
    const form = new FormData();
    for (let i = 0; i < 65; i++) form.append('files', new File(['x'], `${i}.png`));
    const { body, type } = await encode(form);
    expect(await codeOf(parseMultipart(body, type, 1024 * 1024, root))).toBe('PAYLOAD_TOO_LARGE');
    expect(readdirSync(root)).toEqual([]);
  });
});
