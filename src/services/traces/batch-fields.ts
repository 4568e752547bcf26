import type { TraceBatchRow, TraceStatus } from '../../../db/database.ts';
import type { Db } from '../../db/connect.ts';
import { type CollectionQuery, isoTime, traceWireId } from './common.ts';
import { type BatchIdentity, batchIdentity, type Gs1Settings } from './gs1/batch-identity.ts';

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
  'gtin',
  'lot',
  'digitalLink',
  'epcClass',
] as const;
export type TraceField = (typeof TRACE_FIELDS)[number];

/** `sortBy` whitelist (spec 003 §5.2) and the column each sorts on. */
export const TRACE_SORT_FIELDS = ['createdAt', 'updatedAt', 'name', 'quantity', 'unitWeight', 'harvestDate', 'status'] as const;
export type TraceSortField = (typeof TRACE_SORT_FIELDS)[number];
export const SORT_COLUMNS = {
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  name: 'name',
  quantity: 'quantity',
  unitWeight: 'unit_weight',
  harvestDate: 'harvest_date',
  status: 'status',
} as const satisfies Record<TraceSortField, string>;

export const TRACE_STATUSES = ['active', 'archived'] as const satisfies readonly TraceStatus[];

/** A trace batch on the wire (spec 003 §4.2); times ISO 8601 UTC; GS1 identity fields only when it has one (issue 14). */
export interface TraceBatch extends BatchIdentity {
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

/**
 * What a caller writes; `harvestDate` is ISO 8601, already validated; `status` defaults to active.
 * `gtin` and `lot` (both or neither; `null` clears them) are left as they are when absent.
 */
export type TraceBatchInput = Omit<TraceBatch, keyof BatchIdentity | 'id' | 'code' | 'status' | 'createdAt' | 'updatedAt'> & {
  status?: TraceStatus;
  gtin?: string | null;
  lot?: string | null;
};

/** A batch listing: CollectionQuery over createdAt, sorted by a whitelisted field. */
export interface TraceListQuery extends CollectionQuery {
  sortBy: TraceSortField;
  search?: string;
  status?: TraceStatus;
  /** Comma list of TRACE_FIELDS, already validated. */
  fields?: string;
}

/**
 * A `trace_batches` row on the wire: `trace-<n>` id, camelCase fields, ISO 8601 UTC times (spec
 * 003 §4.2), then its GS1 identity (with Digital Link and EPC class when `gs1` is given).
 */
export function toTraceBatch(row: TraceBatchRow, gs1?: Gs1Settings): TraceBatch {
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
    ...batchIdentity(row, gs1),
  };
}

/** Keeps only the selected fields (spec 003 §5.4); all when `fields` is absent. */
export function selectFields(batch: TraceBatch, fields: string | undefined): Partial<TraceBatch> {
  if (!fields) return batch;
  const wanted = new Set(fields.split(',').map((f) => f.trim()));
  return Object.fromEntries(TRACE_FIELDS.filter((f) => wanted.has(f) && batch[f] !== undefined).map((f) => [f, batch[f]]));
}

/** One batch by its numeric id, on the wire; the caller has checked the tenant. */
export async function loadBatch(db: Db, id: number, gs1?: Gs1Settings): Promise<TraceBatch> {
  return toTraceBatch(await db.selectFrom('trace_batches').selectAll().where('id', '=', id).executeTakeFirstOrThrow(), gs1);
}
