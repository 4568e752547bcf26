/**
 * One trace batch as an EPCIS 2.0 document (issue 14 §2, `GET /v1/traces/{id}/epcis`): the
 * captured events that name the batch's lot as an EPC class, or, for a batch with none, its trace
 * logs mapped one-to-one onto ObjectEvents with CBV 2.0 business steps.
 */
import epcis2 from 'epcis2.js';
import type { TraceBatchRow, TraceEventType, TraceLogRow } from '../../../../db/database.ts';
import type { Db } from '../../../db/connect.ts';
import { ownedTraceId, requireFactory } from '../common.ts';
import type { Gs1Settings } from '../gs1/batch-identity.ts';
import { digitalLinkUri } from '../gs1/digital-link.ts';
import { lgtinUrn, lotClassSpellings } from '../gs1/identifiers.ts';
import { publicTraceUrl } from '../qrcode.ts';
import { EPCIS_CONTEXT, toEvent } from './query.ts';
import { eventHash } from './terms.ts';

/** The JSON-LD namespace of the fields a mapped log keeps that EPCIS has no field for. */
export const TRACEHUB_NS = { tracehub: 'urn:tracehub:epcis:' } as const;

const { bizSteps, dispositions, actionTypes } = epcis2.cbv;

/** CBV 2.0 step, action and disposition of each trace log type (harvest creates the lot's quantity). */
export const LOG_EVENT_TERMS: Record<TraceEventType, { bizStep: string; action: string; disposition?: string }> = {
  harvest: { bizStep: bizSteps.creating_class_instance as string, action: actionTypes.add, disposition: dispositions.active as string },
  processing: { bizStep: bizSteps.other as string, action: actionTypes.observe },
  inspection: { bizStep: bizSteps.inspecting as string, action: actionTypes.observe },
  storage: { bizStep: bizSteps.storing as string, action: actionTypes.observe },
  shipping: { bizStep: bizSteps.shipping as string, action: actionTypes.observe, disposition: dispositions.in_transit as string },
};

/** An EPCISDocument around `eventList` (EPCIS 2.0 JSON schema `epcisDocument`). */
export function epcisDocument(eventList: Record<string, unknown>[], now = new Date()): Record<string, unknown> {
  const extended = eventList.some((e) => Object.keys(e).some((k) => k.startsWith('tracehub:')));
  return {
    '@context': extended ? [EPCIS_CONTEXT, TRACEHUB_NS] : [EPCIS_CONTEXT],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: now.toISOString(),
    epcisBody: { eventList },
  };
}

/**
 * A trace log as an ObjectEvent on the batch's class: eventTime = occurredAt (UTC), the batch's
 * quantity (units), location, operator and notes as `tracehub:` fields, eventID its CBV 2.0 hash.
 */
export function logToEvent(log: TraceLogRow, epcClass: string, quantity: number): Record<string, unknown> {
  const terms = LOG_EVENT_TERMS[log.event_type];
  const event: Record<string, unknown> = {
    type: 'ObjectEvent',
    eventTime: new Date(Number(log.occurred_at)).toISOString(),
    eventTimeZoneOffset: '+00:00',
    action: terms.action,
    quantityList: [{ epcClass, quantity }],
    bizStep: terms.bizStep,
    ...(terms.disposition && { disposition: terms.disposition }),
    ...(log.location && { 'tracehub:location': log.location }),
    ...(log.operator && { 'tracehub:operator': log.operator }),
    ...(log.notes && { 'tracehub:notes': log.notes }),
  };
  return { eventID: eventHash(event, TRACEHUB_NS), ...event };
}

/**
 * Every class a batch's events may name it by: its LGTIN URN at any prefix length and its Digital
 * Link on GS1's and this server's domain; a batch without a GS1 identity, its public URL.
 */
export function batchSpellings(row: Pick<TraceBatchRow, 'code' | 'gtin' | 'lot'>, gs1: Gs1Settings): string[] {
  return row.gtin && row.lot
    ? [...lotClassSpellings(row.gtin, row.lot), digitalLinkUri(gs1.baseUrl, row.gtin, row.lot)]
    : [publicTraceUrl(gs1.baseUrl, row.code)];
}

/** The class a batch's events name: its LGTIN when it has a GTIN and lot, else its public URL. */
export function batchClass(row: TraceBatchRow, gs1: Gs1Settings): string {
  return row.gtin && row.lot ? lgtinUrn(row.gtin, row.lot, gs1.prefixLength) : publicTraceUrl(gs1.baseUrl, row.code);
}

/**
 * The EPCIS document of one batch of the caller's factory: its captured events (those naming its
 * lot as an EPC class in any spelling: LGTIN URN at any prefix length, Digital Link on GS1's or this
 * server's domain), oldest first and unchanged but for recordTime; or, when none, its logs mapped.
 * @throws AppError NOT_FOUND for unknown ids and other factories' ids alike; PERMISSION_DENIED without a factory.
 */
export async function exportBatchDocument(db: Db, factoryId: string | null, wireId: string, gs1: Gs1Settings) {
  const tenant = requireFactory(factoryId);
  const id = await ownedTraceId(db, tenant, wireId);
  const batch = await db.selectFrom('trace_batches').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  if (batch.gtin && batch.lot) {
    const spellings = batchSpellings(batch, gs1);
    const rows = await db
      .selectFrom('epcis_events')
      .select(['event_json', 'recorded_at'])
      .where('factory_id', '=', tenant)
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('epcis_event_epcs')
          .select('event_row_id')
          .where('factory_id', '=', tenant)
          .where('is_class', '=', 1)
          .where('epc', 'in', spellings),
      )
      .orderBy('event_time')
      .orderBy('id')
      .execute();
    if (rows.length) return epcisDocument(rows.map(toEvent));
  }
  const logs = await db.selectFrom('trace_logs').selectAll().where('trace_id', '=', id).orderBy('occurred_at').orderBy('id').execute();
  const epcClass = batchClass(batch, gs1);
  return epcisDocument(logs.map((log) => logToEvent(log, epcClass, batch.quantity)));
}
