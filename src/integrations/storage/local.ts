import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { FileStorage } from './types.ts';

const KEY = /^[A-Za-z0-9_-]+(\.[a-z0-9]{1,8})?$/;

/** Files in one local directory (config UPLOAD_DIR), created on first write. */
export class LocalFileStorage implements FileStorage {
  readonly root: string;
  constructor(dir: string) {
    this.root = resolve(dir);
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await writeFile(this.#path(key), bytes, { flag: 'wx' });
  }

  async delete(key: string): Promise<void> {
    await rm(this.#path(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    return stat(this.#path(key)).then(
      () => true,
      () => false,
    );
  }

  // Keys are flat random names; anything else (a `/`, `..`) is a programming error.
  #path(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid storage key ${key}`);
    return join(this.root, key);
  }
}
