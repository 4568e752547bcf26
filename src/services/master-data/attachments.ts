import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { AttachmentsTable } from '../../../db/database.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/connect.ts';
import { AppError, notFound } from '../../errors.ts';
import type { FileStorage } from '../../integrations/storage/types.ts';
import { isoSeconds } from './common.ts';
import { findOwned, ownsRow, tenantRows } from './tenant-crud.ts';

/** What an attachment may hang off, and the factory-scoped table that must hold the object. */
const RELATED_TABLES = {
  contract: 'contracts',
  material: 'materials',
  customer: 'customers',
  department: 'departments',
  assay_data: 'assay_data',
  metal_price: 'metal_prices',
} as const;
export const RELATED_TYPES = Object.keys(RELATED_TABLES) as (keyof typeof RELATED_TABLES)[];
export type RelatedType = keyof typeof RELATED_TABLES;

/** spec 001 `naming_rule`: how the logical `file_path` shown to clients is built. */
export const NAMING_RULES = ['default', 'original', 'timestamp'] as const;
export type NamingRule = (typeof NAMING_RULES)[number];

export interface Attachment {
  id: number;
  related_type: string;
  related_id: number;
  file_path: string;
  original_name: string;
  file_type: string;
  file_size: number;
  created_at: string;
}

function toAttachment(r: Selectable<AttachmentsTable>): Attachment {
  return {
    id: r.id,
    related_type: r.related_type,
    related_id: r.related_id,
    file_path: r.file_path,
    original_name: r.original_name,
    file_type: r.file_type,
    file_size: r.file_size,
    created_at: isoSeconds(r.created_at),
  };
}

/**
 * The client's file name reduced to a display name: last path segment, no control characters,
 * at most 255 characters. It is stored and echoed, never used as a path.
 */
export function displayName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (clean === '' || clean === '.' || clean === '..' ? 'file' : clean).slice(0, 255);
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  return /^[a-z0-9]{1,10}$/.test(ext) ? ext : '';
}

const SAFE_MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/;

function logicalPath(rule: NamingRule, type: string, relatedId: number, original: string, ext: string, storage: string, now: number) {
  const suffix = ext ? `.${ext}` : '';
  const stamp = new Date(now).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const name =
    rule === 'original'
      ? original.replace(/[/\\]/g, '_')
      : `${type}_${relatedId}_${rule === 'timestamp' ? stamp : storage.slice(0, 8)}${suffix}`;
  return `/uploads/${type}s/${name}`;
}

/** @throws AppError NOT_FOUND when the related object is not one of the factory's rows. */
async function requireRelated(db: Db, factoryId: string, type: RelatedType, id: number, code: 'NOT_FOUND' | 'VALIDATION_FAILED') {
  if (await ownsRow(db, RELATED_TABLES[type], factoryId, id)) return;
  if (code === 'NOT_FOUND') throw notFound('Related object', id);
  throw new AppError('VALIDATION_FAILED', '关联对象不存在', [{ field: 'related_id', message: `${type} ${id} does not exist` }]);
}

export interface UploadInput {
  relatedType: RelatedType;
  relatedId: number;
  namingRule: NamingRule;
  /** The client's file name, as sent. */
  fileName: string;
  /** The client's declared media type; anything unusual is stored as application/octet-stream. */
  mimeType: string;
  /** The content: a File of the multipart body (backed by a temporary file, streamed from it). */
  data: Blob;
}

/**
 * Spec 001 `POST /api/attachments`: streams the bytes to the attachments storage under a random
 * name (a UUID) and records the original name for downloads. Nothing the client sent reaches a
 * storage key; on any failure neither the object nor the row remains.
 * @returns `{id, file_path, original_name, file_type, file_size}` (+ related fields), size in bytes.
 * @throws AppError PAYLOAD_TOO_LARGE (over ATTACHMENT_MAX_BYTES), FILE_UPLOAD_ERROR (empty file),
 *   VALIDATION_FAILED (related object not in the factory).
 */
export async function storeAttachment(
  deps: { db: Db; config: Pick<Config, 'ATTACHMENT_MAX_BYTES'>; storage: { attachments: FileStorage } },
  caller: { id: number; factoryId: string },
  input: UploadInput,
): Promise<Attachment> {
  if (input.data.size > deps.config.ATTACHMENT_MAX_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', `文件超过 ${deps.config.ATTACHMENT_MAX_BYTES} 字节`);
  }
  if (input.data.size === 0) throw new AppError('FILE_UPLOAD_ERROR', '文件为空');
  await requireRelated(deps.db, caller.factoryId, input.relatedType, input.relatedId, 'VALIDATION_FAILED');

  const original = displayName(input.fileName);
  const ext = extensionOf(original);
  const storageName = randomUUID();
  const now = Date.now();
  const mime = input.mimeType.toLowerCase().split(';')[0]!.trim();
  const safeMime = SAFE_MIME.test(mime) ? mime : 'application/octet-stream';
  const store = deps.storage.attachments;
  const { size } = await store.put(storageName, input.data.stream(), { contentType: safeMime });
  try {
    const row = await deps.db
      .insertInto('attachments')
      .values({
        factory_id: caller.factoryId,
        related_type: input.relatedType,
        related_id: input.relatedId,
        storage_name: storageName,
        file_path: logicalPath(input.namingRule, input.relatedType, input.relatedId, original, ext, storageName, now),
        original_name: original,
        file_type: ext,
        mime_type: safeMime,
        file_size: size,
        created_by: caller.id,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toAttachment(row);
  } catch (err) {
    await store.delete(storageName).catch(() => undefined);
    throw err;
  }
}

/**
 * Spec 001 `GET /api/attachments/{related_type}/{related_id}`: `{attachments}` oldest first.
 * @throws AppError NOT_FOUND when the related object is not the factory's.
 */
export async function listAttachments(
  db: Db,
  factoryId: string,
  type: RelatedType,
  relatedId: number,
): Promise<{ attachments: Attachment[] }> {
  await requireRelated(db, factoryId, type, relatedId, 'NOT_FOUND');
  const rows = await tenantRows(db, 'attachments', factoryId)
    .selectAll()
    .where('related_type', '=', type)
    .where('related_id', '=', relatedId)
    .orderBy('id')
    .execute();
  return { attachments: rows.map(toAttachment) };
}

/**
 * Spec 001 `GET /api/attachments/{attachment_id}/download`: the stored file as a stream, read from
 * the attachments storage (local directory or S3) as the client reads it.
 * @returns the display name, media type, size in bytes and an open read stream.
 * @throws AppError NOT_FOUND (no such attachment in the factory), FILE_NOT_FOUND (row without object).
 */
export async function openAttachment(
  deps: { db: Db; storage: { attachments: FileStorage } },
  factoryId: string,
  id: number,
): Promise<{ name: string; mimeType: string; size: number; stream: ReadableStream<Uint8Array> }> {
  const row = await findOwned(deps.db, 'attachments', factoryId, id);
  if (!row) throw notFound('Attachment', id);
  const object = await deps.storage.attachments.get(row.storage_name);
  if (!object) throw new AppError('FILE_NOT_FOUND', '文件不存在');
  return { name: row.original_name, mimeType: row.mime_type, size: object.size, stream: object.stream };
}
