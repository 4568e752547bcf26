import type { TraceEventType } from '../../../db/database.ts';
import type { Db } from '../../db/connect.ts';
import { notFound } from '../../errors.ts';
import { isoTime } from './common.ts';

/** What a consumer sees after scanning a batch's QR code: no internal ids, tenants or staff. */
export interface PublicTraceView {
  code: string;
  product: { name: string; productId: string };
  origin: { farmId: string; producer: string; harvestDate: string };
  status: 'active' | 'archived';
  timeline: { eventType: TraceEventType; occurredAt: string; location: string | null; notes: string | null }[];
}

/**
 * The consumer view of a batch by its public code, timeline oldest first.
 * @throws AppError NOT_FOUND for an unknown code.
 */
export async function getPublicTraceView(db: Db, code: string): Promise<PublicTraceView> {
  const batch = await db
    .selectFrom('trace_batches as b')
    .innerJoin('factories as f', 'f.id', 'b.factory_id')
    .select(['b.id', 'b.code', 'b.name', 'b.product_id', 'b.farm_id', 'b.harvest_date', 'b.status', 'f.name as producer'])
    .where('b.code', '=', code.toUpperCase())
    .executeTakeFirst();
  if (!batch) throw notFound('Trace', code);
  const logs = await db
    .selectFrom('trace_logs')
    .select(['event_type', 'occurred_at', 'location', 'notes'])
    .where('trace_id', '=', batch.id)
    .orderBy('occurred_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
  return {
    code: batch.code,
    product: { name: batch.name, productId: batch.product_id },
    origin: { farmId: batch.farm_id, producer: batch.producer, harvestDate: isoTime(batch.harvest_date) },
    status: batch.status,
    timeline: logs.map((l) => ({ eventType: l.event_type, occurredAt: isoTime(l.occurred_at), location: l.location, notes: l.notes })),
  };
}
