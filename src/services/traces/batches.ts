import type { TraceBatchRow, TraceStatus } from '../../../db/database.ts';
import type { Db, DialectName } from '../../db/connect.ts';
import { containsText, countAll, isUniqueViolation } from '../../db/sql.ts';
import { AppError } from '../../errors.ts';
import {
  isoTime,
  newPublicCode,
  ownedTraceId,
  type PageMeta,
  pageMeta,
  parseIsoInstant,
  parseTraceId,
  requireFactory,
  traceWireId,
} from './common.ts';

/** Fields a caller may select with `fields` (spec 003 §5.4), in wire order. */
export const TRACE_FIELDS = [
  'id',
  'code',
  'name',
  'productId',
  'quantity',
  'unitWeight',
  'harvestDate',
  'farmId',
  'status',
  'createdAt',
  'updatedAt',
] as const;
export type TraceField = (typeof TRACE_FIELDS)[number];

/** `sortBy` whitelist (spec 003 §5.2) and the column each sorts on. */
export const TRACE_SORT_FIELDS = ['createdAt', 'updatedAt', 'name', 'quantity', 'unitWeight', 'harvestDate', 'status'] as const;
export type TraceSortField = (typeof TRACE_SORT_FIELDS)[number];
const SORT_COLUMNS = {
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  name: 'name',
  quantity: 'quantity',
  unitWeight: 'unit_weight',
  harvestDate: 'harvest_date',
  status: 'status',
} as const satisfies Record<TraceSortField, string>;

export const TRACE_STATUSES = ['active', 'archived'] as const satisfies readonly TraceStatus[];

/** A trace batch on the wire (spec 003 §4.2); times ISO 8601 UTC. */
export interface TraceBatch {
  id: string;
  code: string;
  name: string;
  productId: string;
  quantity: number;
  /** kg per unit. */
  unitWeight: number;
  harvestDate: string;
  farmId: string;
  status: TraceStatus;
  createdAt: string;
  updatedAt: string;
}

/** What a caller writes; `harvestDate` is ISO 8601, already validated. */
export interface TraceBatchInput {
  name: string;
  productId: string;
  quantity: number;
  unitWeight: number;
  harvestDate: string;
  farmId: string;
  status?: TraceStatus;
}

export interface TraceListQuery {
  page: number;
  limit: number;
  sortBy: TraceSortField;
  sortDir: 'asc' | 'desc';
  search?: string;
  status?: TraceStatus;
  /** ISO 8601; inclusive lower bound on createdAt. */
  fromDate?: string;
  /** ISO 8601; exclusive upper bound on createdAt. */
  toDate?: string;
  /** Comma list of TRACE_FIELDS, already validated. */
  fields?: string;
}

export function toTraceBatch(row: TraceBatchRow): TraceBatch {
  return {
    id: traceWireId(row.id),
    code: row.code,
    name: row.name,
    productId: row.product_id,
    quantity: row.quantity,
    unitWeight: row.unit_weight,
    harvestDate: isoTime(row.harvest_date),
    farmId: row.farm_id,
    status: row.status,
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
  };
}

/** Keeps only the selected fields (spec 003 §5.4); all when `fields` is absent. */
export function selectFields(batch: TraceBatch, fields: string | undefined): Partial<TraceBatch> {
  if (!fields) return batch;
  const wanted = new Set(fields.split(',').map((f) => f.trim()));
  return Object.fromEntries(TRACE_FIELDS.filter((f) => wanted.has(f)).map((f) => [f, batch[f]]));
}

/**
 * Lists the caller's factory's trace batches (spec 003 §5): paged, sorted by a whitelisted
 * field (ties broken by id in the same direction), filtered by status, by createdAt in
 * [fromDate, toDate), and by `search`, a case-insensitive literal match on name, code,
 * productId and farmId, or the exact batch id (`trace-12`).
 * @returns `{data, meta}` with spec 003's paging meta; `data` trimmed to `fields`.
 * @throws AppError PERMISSION_DENIED for callers without a factory.
 */
export async function listTraceBatches(
  deps: { db: Db; dialect: DialectName },
  factoryId: string | null,
  query: TraceListQuery,
): Promise<{ data: Partial<TraceBatch>[]; meta: PageMeta }> {
  const tenant = requireFactory(factoryId);
  const { db, dialect } = deps;
  let q = db.selectFrom('trace_batches').where('factory_id', '=', tenant);
  if (query.status) q = q.where('status', '=', query.status);
  const from = query.fromDate === undefined ? undefined : parseIsoInstant(query.fromDate);
  const to = query.toDate === undefined ? undefined : parseIsoInstant(query.toDate);
  if (from !== undefined) q = q.where('created_at', '>=', from);
  if (to !== undefined) q = q.where('created_at', '<', to);
  const search = query.search?.trim();
  if (search) {
    const id = parseTraceId(search);
    q = q.where((eb) =>
      eb.or([
        containsText(dialect, eb.ref('name'), search),
        containsText(dialect, eb.ref('code'), search),
        containsText(dialect, eb.ref('product_id'), search),
        containsText(dialect, eb.ref('farm_id'), search),
        ...(id === undefined ? [] : [eb('id', '=', id)]),
      ]),
    );
  }
  const { n } = await q.select(countAll.as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .selectAll()
    .orderBy(SORT_COLUMNS[query.sortBy], query.sortDir)
    .orderBy('id', query.sortDir)
    .limit(query.limit)
    .offset((query.page - 1) * query.limit)
    .execute();
  return {
    data: rows.map((r) => selectFields(toTraceBatch(r), query.fields)),
    meta: pageMeta(query.page, query.limit, Number(n)),
  };
}

/**
 * One batch of the caller's factory, trimmed to `fields`.
 * @throws AppError NOT_FOUND for unknown ids and other factories' ids alike.
 */
export async function getTraceBatch(db: Db, factoryId: string | null, wireId: string, fields?: string): Promise<Partial<TraceBatch>> {
  const tenant = requireFactory(factoryId);
  const id = await ownedTraceId(db, tenant, wireId);
  return selectFields(await loadBatch(db, id), fields);
}

/**
 * Creates one batch with a fresh public code, status `active` unless given.
 * @throws AppError DUPLICATE_RESOURCE when the factory already has a batch of that name.
 */
export async function createTraceBatch(db: Db, factoryId: string | null, input: TraceBatchInput): Promise<TraceBatch> {
  const tenant = requireFactory(factoryId);
  return db.transaction().execute((trx) => insertBatch(trx, tenant, input, 'name'));
}

/**
 * Creates many batches in one transaction: all or none (spec 003 "批量操作").
 * @returns the created batches in input order.
 * @throws AppError DUPLICATE_RESOURCE naming `items.<i>.name` when an item's name is taken
 *   (by an existing batch or an earlier item); nothing is written then.
 */
export async function createTraceBatches(db: Db, factoryId: string | null, items: TraceBatchInput[]): Promise<TraceBatch[]> {
  const tenant = requireFactory(factoryId);
  return db.transaction().execute(async (trx) => {
    const out: TraceBatch[] = [];
    for (const [i, item] of items.entries()) out.push(await insertBatch(trx, tenant, item, `items.${i}.name`));
    return out;
  });
}

/**
 * PUT: replaces every writable field; `status` resets to `active` when omitted.
 * @throws AppError NOT_FOUND, DUPLICATE_RESOURCE.
 */
export async function replaceTraceBatch(db: Db, factoryId: string | null, wireId: string, input: TraceBatchInput): Promise<TraceBatch> {
  return updateTraceBatch(db, factoryId, wireId, { ...input, status: input.status ?? 'active' });
}

/**
 * PATCH: changes the given fields only.
 * @throws AppError NOT_FOUND, DUPLICATE_RESOURCE.
 */
export async function updateTraceBatch(
  db: Db,
  factoryId: string | null,
  wireId: string,
  patch: Partial<TraceBatchInput>,
): Promise<TraceBatch> {
  const tenant = requireFactory(factoryId);
  return db.transaction().execute(async (trx) => {
    const id = await ownedTraceId(trx, tenant, wireId);
    if (patch.name !== undefined) await assertNameFree(trx, tenant, patch.name, 'name', id);
    const set = {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.productId !== undefined && { product_id: patch.productId }),
      ...(patch.quantity !== undefined && { quantity: patch.quantity }),
      ...(patch.unitWeight !== undefined && { unit_weight: patch.unitWeight }),
      ...(patch.harvestDate !== undefined && { harvest_date: instant(patch.harvestDate) }),
      ...(patch.farmId !== undefined && { farm_id: patch.farmId }),
      ...(patch.status !== undefined && { status: patch.status }),
      updated_at: Date.now(),
    };
    await guardUnique(() => trx.updateTable('trace_batches').set(set).where('id', '=', id).execute(), 'name', patch.name ?? '');
    return loadBatch(trx, id);
  });
}

/**
 * Deletes a batch and its logs.
 * @throws AppError NOT_FOUND.
 */
export async function deleteTraceBatch(db: Db, factoryId: string | null, wireId: string): Promise<void> {
  const tenant = requireFactory(factoryId);
  await db.transaction().execute(async (trx) => {
    const id = await ownedTraceId(trx, tenant, wireId);
    await trx.deleteFrom('trace_logs').where('trace_id', '=', id).execute();
    await trx.deleteFrom('trace_batches').where('id', '=', id).execute();
  });
}

async function loadBatch(db: Db, id: number): Promise<TraceBatch> {
  return toTraceBatch(await db.selectFrom('trace_batches').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
}

async function insertBatch(db: Db, factoryId: string, input: TraceBatchInput, nameField: string): Promise<TraceBatch> {
  await assertNameFree(db, factoryId, input.name, nameField);
  const now = Date.now();
  const row = await guardUnique(
    () =>
      db
        .insertInto('trace_batches')
        .values({
          factory_id: factoryId,
          code: newPublicCode(),
          name: input.name,
          product_id: input.productId,
          quantity: input.quantity,
          unit_weight: input.unitWeight,
          harvest_date: instant(input.harvestDate),
          farm_id: input.farmId,
          status: input.status ?? 'active',
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    nameField,
    input.name,
  );
  return toTraceBatch(row);
}

async function assertNameFree(db: Db, factoryId: string, name: string, field: string, exceptId?: number): Promise<void> {
  let q = db.selectFrom('trace_batches').select('id').where('factory_id', '=', factoryId).where('name', '=', name);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw duplicateName(field, name);
}

/** The name check above can race; the unique index then answers the same way. */
async function guardUnique<T>(write: () => Promise<T>, field: string, name: string): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName(field, name);
    throw err;
  }
}

function duplicateName(field: string, name: string): AppError {
  return new AppError('DUPLICATE_RESOURCE', 'A trace batch with this name already exists', [
    { field, message: `Name ${name} is already used by another batch of this factory` },
  ]);
}

function instant(iso: string): number {
  const ms = parseIsoInstant(iso);
  if (ms === undefined) throw new AppError('VALIDATION_FAILED', 'Validation failed', [{ field: 'harvestDate', message: 'Invalid date' }]);
  return ms;
}
