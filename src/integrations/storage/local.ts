import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertKey, type FileStorage, type StorageBody, type StoredObject } from './types.ts';

/**
 * Files in one local directory (UPLOAD_DIR or ATTACHMENTS_DIR), created on first write: the
 * single-machine default. A write goes to a hidden temporary name and is renamed into place once
 * complete, so a failed or aborted upload never leaves a partial file under its key.
 */
export class LocalFileStorage implements FileStorage {
  readonly root: string;
  constructor(dir: string) {
    this.root = resolve(dir);
  }

  async put(key: string, body: StorageBody): Promise<{ size: number }> {
    const target = this.#path(key);
    await mkdir(this.root, { recursive: true });
    const temp = join(this.root, `.partial-${randomBytes(8).toString('hex')}`);
    let size = 0;
    const count = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.byteLength;
        done(null, chunk);
      },
    });
    const source = body instanceof Uint8Array ? Readable.from([body]) : Readable.fromWeb(body as import('node:stream/web').ReadableStream);
    try {
      await pipeline(source, count, createWriteStream(temp, { flags: 'wx' }));
      // keys are random: an existing file means a programming error, never overwrite it
      if (await this.exists(key)) throw new Error(`storage key ${key} already exists`);
      await rename(temp, target);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    return { size };
  }

  async get(key: string): Promise<StoredObject | undefined> {
    const path = this.#path(key);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) return undefined;
    return { stream: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>, size: info.size };
  }

  async delete(key: string): Promise<void> {
    await rm(this.#path(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    return stat(this.#path(key)).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  #path(key: string): string {
    assertKey(key);
    return join(this.root, key);
  }
}
