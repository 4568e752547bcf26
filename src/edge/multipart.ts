import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, openAsBlob } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import busboy from 'busboy';
import { AppError } from '../errors.ts';

/** Bounds on parts, far above what any operation takes, so a body cannot become thousands of temporary files. */
const MAX_FILES = 64;
const MAX_FIELDS = 256;

/** A parsed multipart body; `cleanup` removes its temporary files once the operation is done with them. */
export interface MultipartBody {
  /** Field name → value: a string, a File, or an array of them when the name repeats (in body order). */
  fields: Record<string, unknown>;
  cleanup(): Promise<void>;
}

/**
 * Parses a `multipart/form-data` body (RFC 7578) as it arrives, with `busboy`: text fields are
 * kept in memory (each at most the body limit), every file part is streamed to a temporary file
 * and handed on as a `File` backed by that file (`fs.openAsBlob`), so no upload is ever held whole
 * in memory. Services stream those Files to storage under keys of their own.
 * @param body the request body stream; at most `limit` bytes are read.
 * @param contentType the request's Content-Type (with its `boundary`).
 * @param tmpRoot where the per-request temporary directory is made (default: the OS's).
 * @returns the fields, and `cleanup` that the caller runs when the operation has finished.
 * @throws AppError PAYLOAD_TOO_LARGE (over `limit` bytes, over 64 files or 256 fields),
 *   MALFORMED_REQUEST (bad framing), CLIENT_ABORTED (the body stream broke); file-system errors
 *   as they are. Temporary files are removed before it throws.
 */
export async function parseMultipart(
  body: ReadableStream<Uint8Array> | null,
  contentType: string,
  limit: number,
  tmpRoot = tmpdir(),
): Promise<MultipartBody> {
  // one directory per request, made on the first file part (a promise: parts may overlap)
  let dir: Promise<string> | undefined;
  const cleanup = async () => {
    const path = await dir?.catch(() => undefined);
    if (path) await rm(path, { recursive: true, force: true });
  };
  let parser: busboy.Busboy;
  try {
    // RFC 7578 §4.2: file names arrive as UTF-8 (not busboy's latin1 default) and are kept as sent: services sanitize
    parser = busboy({
      headers: { 'content-type': contentType },
      defParamCharset: 'utf8',
      preservePath: true,
      limits: { fieldSize: limit, files: MAX_FILES, fields: MAX_FIELDS },
    });
  } catch (cause) {
    throw malformed(cause);
  }
  const entries: [string, unknown][] = [];
  const writes: Promise<void>[] = [];
  const streams: Readable[] = [];
  let failure: unknown;
  const fail = (err: unknown) => {
    failure ??= err;
  };

  const tooMany = () => fail(new AppError('PAYLOAD_TOO_LARGE', { en: 'Too many parts in the multipart body', zh: '表单字段或文件过多' }));
  parser.on('filesLimit', tooMany);
  parser.on('fieldsLimit', tooMany);
  parser.on('field', (name, value, info) => {
    if (info.valueTruncated) fail(tooLarge(limit));
    entries.push([name, value]);
  });
  parser.on('file', (name, stream, info) => {
    streams.push(stream);
    // busboy fails the part's stream on a truncated body, maybe before the pipeline below listens
    stream.on('error', () => undefined);
    const slot = entries.push([name, undefined]) - 1;
    writes.push(
      (async () => {
        dir ??= mkdtemp(join(tmpRoot, 'tracehub-upload-'));
        const path = join(await dir, randomBytes(8).toString('hex'));
        await pipeline(stream, createWriteStream(path, { flags: 'wx' }));
        const blob = await openAsBlob(path);
        entries[slot]![1] = new File([blob], info.filename ?? '', { type: info.mimeType });
      })().catch(fail),
    );
  });
  const finished = new Promise<void>((resolve, reject) => {
    parser.once('close', resolve);
    parser.once('error', (cause) => reject(malformed(cause)));
  });
  finished.catch(() => undefined);
  // a destroyed parser may emit again while the body is still being written
  parser.on('error', () => undefined);

  try {
    await feed(body, parser, limit, finished);
    await finished;
    await Promise.all(writes);
    if (failure) throw failure;
  } catch (err) {
    for (const s of streams) s.destroy();
    await Promise.allSettled(writes);
    await cleanup();
    // an AppError is the client's doing; anything else (a full disk) is the server's
    throw err;
  }
  const fields: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    if (k in fields) fields[k] = [fields[k], v].flat();
    else fields[k] = v;
  }
  return { fields, cleanup };
}

/** Writes the body into the parser with back-pressure, counting bytes against `limit`. */
async function feed(body: ReadableStream<Uint8Array> | null, parser: busboy.Busboy, limit: number, finished: Promise<void>) {
  if (!body) {
    parser.end();
    return;
  }
  const reader = body.getReader();
  let total = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (cause) {
      throw new AppError('CLIENT_ABORTED', 'Client closed the request', [], { cause });
    }
    if (chunk.done || parser.destroyed) break;
    total += chunk.value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    if (!parser.write(chunk.value)) await Promise.race([once(parser, 'drain').catch(() => undefined), finished]);
  }
  parser.end();
}

export const tooLarge = (limit: number) =>
  new AppError('PAYLOAD_TOO_LARGE', { en: `Request body larger than ${limit} bytes`, zh: `请求体超过 ${limit} 字节` });

const malformed = (cause: unknown) =>
  new AppError('MALFORMED_REQUEST', { en: 'Malformed multipart body', zh: '表单数据格式错误' }, [], { cause });
