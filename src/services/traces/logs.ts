import type { TraceEventType, TraceLogRow } from '../../../db/database.ts';
import type { Db } from '../../db/connect.ts';
import { AppError } from '../../errors.ts';
import {
  type CollectionQuery,
  isoTime,
  ownedTraceId,
  type PageMeta,
  pageOf,
  parseIsoInstant,
  requireFactory,
  traceWireId,
} from './common.ts';

export const TRACE_EVENT_TYPES = [
  'harvest',
  'processing',
  'inspection',
  'storage',
  'shipping',
] as const satisfies readonly TraceEventType[];

/** One event of a batch's timeline on the wire. */
export interface TraceLog {
  id: string;
  traceId: string;
  eventType: TraceEventType;
  occurredAt: string;
  operator: string | null;
  location: string | null;
  notes: string | null;
  createdAt: string;
}

export interface TraceLogInput {
  eventType: TraceEventType;
  /** ISO 8601; default now. */
  occurredAt?: string;
  operator?: string;
  location?: string;
  notes?: string;
}

/** A log listing: CollectionQuery over occurredAt (default `asc`: a timeline reads oldest first). */
export interface TraceLogQuery extends CollectionQuery {
  eventType?: TraceEventType;
}

/** A `trace_logs` row on the wire: `log-<n>` id, its batch's wire id, ISO 8601 UTC times. */
export function toTraceLog(row: TraceLogRow): TraceLog {
  return {
    id: `log-${row.id}`,
    traceId: traceWireId(row.trace_id),
    eventType: row.event_type,
    occurredAt: isoTime(row.occurred_at),
    operator: row.operator,
    location: row.location,
    notes: row.notes,
    createdAt: isoTime(row.created_at),
  };
}

/**
 * A batch's logs in time order (ties by id), paged and filtered like every v1 collection.
 * @returns `{data, meta}` with spec 003's paging meta.
 * @throws AppError NOT_FOUND for unknown ids and other factories' ids alike.
 */
export async function listTraceLogs(
  db: Db,
  factoryId: string | null,
  wireId: string,
  query: TraceLogQuery,
): Promise<{ data: TraceLog[]; meta: PageMeta }> {
  const traceId = await ownedTraceId(db, requireFactory(factoryId), wireId);
  let q = db.selectFrom('trace_logs').where('trace_id', '=', traceId);
  if (query.eventType) q = q.where('event_type', '=', query.eventType);
  const { rows, meta } = await pageOf(q, query, 'occurred_at', 'occurred_at');
  return { data: rows.map(toTraceLog), meta };
}

/**
 * Appends an event to a batch's log; the batch's updatedAt moves too.
 * @throws AppError NOT_FOUND; CONFLICT when the batch is archived (its timeline is closed).
 */
export async function addTraceLog(db: Db, factoryId: string | null, wireId: string, input: TraceLogInput): Promise<TraceLog> {
  const tenant = requireFactory(factoryId);
  return db.transaction().execute(async (trx) => {
    const traceId = await ownedTraceId(trx, tenant, wireId);
    const batch = await trx.selectFrom('trace_batches').select('status').where('id', '=', traceId).executeTakeFirstOrThrow();
    if (batch.status === 'archived') {
      throw new AppError('CONFLICT', 'The trace batch is archived', [{ field: 'traceId', message: `Trace ${wireId} is archived` }]);
    }
    const now = Date.now();
    const occurredAt = input.occurredAt === undefined ? now : parseIsoInstant(input.occurredAt);
    if (occurredAt === undefined) {
      throw new AppError('VALIDATION_FAILED', 'Validation failed', [{ field: 'occurredAt', message: 'Invalid date' }]);
    }
    const row = await trx
      .insertInto('trace_logs')
      .values({
        trace_id: traceId,
        event_type: input.eventType,
        occurred_at: occurredAt,
        operator: input.operator ?? null,
        location: input.location ?? null,
        notes: input.notes ?? null,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.updateTable('trace_batches').set({ updated_at: now }).where('id', '=', traceId).execute();
    return toTraceLog(row);
  });
}
