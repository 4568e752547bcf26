import { randomBytes } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import type { AppDeps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import type { Principal } from '../identity/principal.ts';

/** Spec 002 §4.1: at most 10 files of at most 10 MB each, JPG/PNG/WebP. */
export const UPLOAD_RULES = { maxFiles: 10, maxBytes: 10 * 1024 * 1024 } as const;

type ImageType = { mime: 'image/jpeg' | 'image/png' | 'image/webp'; ext: 'jpg' | 'png' | 'webp' };
const ALLOWED: Record<string, ImageType> = {
  'image/jpeg': { mime: 'image/jpeg', ext: 'jpg' },
  'image/png': { mime: 'image/png', ext: 'png' },
  'image/webp': { mime: 'image/webp', ext: 'webp' },
};

/**
 * The image type by content (magic bytes, via the `file-type` package), never by name or declared
 * type. Anything but JPEG, PNG or WebP is undefined.
 */
export async function sniffImage(bytes: Uint8Array): Promise<ImageType | undefined> {
  const detected = await fileTypeFromBuffer(bytes);
  return detected ? ALLOWED[detected.mime] : undefined;
}

export interface IncomingFile {
  name: string;
  /** The content: a File of the multipart body (backed by a temporary file, streamed from it). */
  data: Blob;
}

/** file-type reads at most this many bytes from the start of a file. */
const SNIFF_BYTES = 4100;

export interface StoredFile {
  id: number;
  originalName: string;
  fileName: string;
  mimeType: ImageType['mime'];
  size: number;
  category: string | null;
  uploadedAt: number;
}

/**
 * `POST /api/mobile/upload/mobile` (spec 002 §4.1): checks every file first (count, size, type by
 * content, from the first 4100 bytes), then streams each to the uploads storage under a random
 * name and records its metadata. All or nothing: on any failure no object and no row remains.
 * @param opts.metadata client JSON text, stored as given (≤ 4 KB).
 * @throws AppError VALIDATION_FAILED (no file, too many), PAYLOAD_TOO_LARGE (a file over 10 MB),
 *   UNSUPPORTED_MEDIA_TYPE (not JPG/PNG/WebP by content).
 */
export async function saveMobileUploads(
  deps: { db: AppDeps['db']; storage: Pick<AppDeps['storage'], 'uploads'> },
  principal: Pick<Principal, 'id' | 'factoryId'>,
  files: IncomingFile[],
  opts: { category?: string | undefined; metadata?: string | undefined },
): Promise<StoredFile[]> {
  if (files.length === 0) throw new AppError('VALIDATION_FAILED', '请选择要上传的文件', [{ field: 'files', message: 'required' }]);
  if (files.length > UPLOAD_RULES.maxFiles) {
    throw new AppError('VALIDATION_FAILED', `最多上传${UPLOAD_RULES.maxFiles}个文件`, [{ field: 'files', message: 'too many' }]);
  }
  const typed = [];
  for (const f of files) {
    if (f.data.size > UPLOAD_RULES.maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `文件 ${f.name} 超过10MB`);
    const type = await sniffImage(new Uint8Array(await f.data.slice(0, SNIFF_BYTES).arrayBuffer()));
    if (!type) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `文件 ${f.name} 不是 JPG/PNG/WebP 图片`);
    typed.push({ ...f, type, key: `${randomBytes(16).toString('hex')}.${type.ext}` });
  }
  const written: string[] = [];
  const store = deps.storage.uploads;
  try {
    for (const f of typed) {
      written.push(f.key);
      await store.put(f.key, f.data.stream(), { contentType: f.type.mime });
    }
    const now = Date.now();
    const rows = await deps.db
      .insertInto('mobile_uploads')
      .values(
        typed.map((f) => ({
          user_id: principal.id,
          factory_id: principal.factoryId,
          storage_key: f.key,
          original_name: f.name.slice(0, 255),
          mime_type: f.type.mime,
          size_bytes: f.data.size,
          category: opts.category ?? null,
          metadata: opts.metadata ?? null,
          created_at: now,
        })),
      )
      .returningAll()
      .execute();
    return rows.map((r) => ({
      id: r.id,
      originalName: r.original_name,
      fileName: r.storage_key,
      mimeType: r.mime_type as ImageType['mime'],
      size: r.size_bytes,
      category: r.category,
      uploadedAt: r.created_at,
    }));
  } catch (err) {
    await Promise.all(written.map((k) => store.delete(k).catch(() => undefined)));
    throw err;
  }
}
