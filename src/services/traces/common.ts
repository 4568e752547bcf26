import { randomBytes } from 'node:crypto';
import { type Selectable, type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from '../../../db/database.ts';
import type { Db } from '../../db/connect.ts';
import { countAll } from '../../db/sql.ts';
import { AppError, notFound } from '../../errors.ts';

/** spec 003 §4.2's time format: ISO 8601 UTC, milliseconds only when not zero. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Collection paging meta of spec 003 §4.2. */
export interface PageMeta {
  page: number;
  limit: number;
  totalItems: number;
  totalPages: number;
  serverTime: string;
}

function pageMeta(page: number, limit: number, totalItems: number, now = Date.now()): PageMeta {
  return { page, limit, totalItems, totalPages: Math.ceil(totalItems / limit), serverTime: isoTime(now) };
}

/** What every v1 collection query has (spec 003 §5): paging, a direction, a [fromDate, toDate) window (ISO 8601). */
export interface CollectionQuery {
  page: number;
  limit: number;
  sortDir: 'asc' | 'desc';
  fromDate?: string | undefined;
  toDate?: string | undefined;
}

/**
 * One page of a v1 collection: `q` narrowed to `timeColumn` in [fromDate, toDate), counted, then
 * sorted by `sortColumn` with ties broken by id in the same direction, and sliced to the page.
 * @returns the page's rows and spec 003's paging meta.
 */
export async function pageOf<T extends 'trace_batches' | 'trace_logs'>(
  q: SelectQueryBuilder<Database, T, object>,
  query: CollectionQuery,
  timeColumn: 'created_at' | 'occurred_at',
  sortColumn: string,
): Promise<{ rows: Selectable<Database[T]>[]; meta: PageMeta }> {
  const from = query.fromDate === undefined ? undefined : parseIsoInstant(query.fromDate);
  const to = query.toDate === undefined ? undefined : parseIsoInstant(query.toDate);
  if (from !== undefined) q = q.where(sql.ref(timeColumn), '>=', from);
  if (to !== undefined) q = q.where(sql.ref(timeColumn), '<', to);
  const { n } = await q.select(countAll.as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy(sql.ref(sortColumn), query.sortDir)
    .orderBy(sql.ref('id'), query.sortDir)
    .limit(query.limit)
    .offset((query.page - 1) * query.limit)
    .execute();
  return { rows: rows as unknown as Selectable<Database[T]>[], meta: pageMeta(query.page, query.limit, Number(n)) };
}

/** The caller's tenant; platform and WeChat users have none and may not use trace batches. */
export function requireFactory(factoryId: string | null): string {
  if (!factoryId) throw new AppError('PERMISSION_DENIED', 'Trace batches belong to factories: factory users only');
  return factoryId;
}

/** Wire ids look like `trace-456`; anything else names no batch. */
export function parseTraceId(id: string): number | undefined {
  const m = /^trace-([1-9]\d{0,14})$/.exec(id);
  return m ? Number(m[1]) : undefined;
}
export const traceWireId = (id: number) => `trace-${id}`;

/**
 * Loads the numeric id of a batch of the caller's factory.
 * @throws AppError NOT_FOUND (RESOURCE_NOT_FOUND) for a malformed id, an unknown one, or one
 *   of another factory, alike.
 */
export async function ownedTraceId(db: Db, factoryId: string, wireId: string): Promise<number> {
  const id = parseTraceId(wireId);
  const row =
    id === undefined
      ? undefined
      : await db.selectFrom('trace_batches').select('id').where('id', '=', id).where('factory_id', '=', factoryId).executeTakeFirst();
  if (!row) throw traceNotFound(wireId);
  return row.id;
}

export function traceNotFound(wireId: string): AppError {
  const e = notFound('Trace', wireId);
  return new AppError(e.code, 'The requested resource was not found', [
    { field: 'traceId', message: `Trace with ID ${wireId} does not exist` },
  ]);
}

/** Crockford base32 without I, L, O, U: codes are read aloud and typed from labels. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A public batch code: 12 characters, 60 random bits. */
export function newPublicCode(): string {
  const bytes = randomBytes(12);
  let out = '';
  for (const b of bytes) out += CODE_ALPHABET[b & 31];
  return out;
}

/**
 * Parses an ISO 8601 date (`2023-05-15`, midnight UTC) or date-time with `Z` or an offset.
 * @returns epoch ms, or undefined when the text is not such a date or names no real day.
 */
export function parseIsoInstant(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|[+-](\d{2}):(\d{2})))?$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return undefined;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return undefined;
  if (m[7] !== undefined && (Number(m[7]) > 23 || Number(m[8]) > 59)) return undefined;
  const ms = Date.parse(m[4] === undefined ? `${text}T00:00:00Z` : text);
  return Number.isNaN(ms) ? undefined : ms;
}
