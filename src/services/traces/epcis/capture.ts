/**
 * EPCIS 2.0 capture (issue 14 §2, EPCIS 2.0 §8.2.2 "capture" over the REST bindings): a whole
 * EPCISDocument is stored or nothing is. Events are immutable; a correction is a new event with an
 * errorDeclaration that repeats the erroneous event's eventID (EPCIS 2.0 §7.4.1.2).
 */
import type { Db } from '../../../db/connect.ts';
import { isUniqueViolation } from '../../../db/sql.ts';
import { AppError } from '../../../errors.ts';
import { assertEpcisDocument } from './schema.ts';
import { contextPrefixes, type EpcisEvent, eventColumns, eventHash, eventTerms } from './terms.ts';

/** What capture answers: the eventIDs of the document in order, and how many were new. */
export interface CaptureResult {
  eventIds: string[];
  captured: number;
  /** Events already stored with identical content (re-sent), accepted without a second copy. */
  duplicates: number;
}

interface Prepared {
  eventId: string;
  hash: string;
  errorDeclared: 0 | 1;
  json: string;
  event: EpcisEvent;
  pointer: string;
}

const conflict = (eventId: string, pointer: string) =>
  new AppError('CONFLICT', { en: 'An event with this eventID and different content exists', zh: '已存在相同 eventID 但内容不同的事件' }, [
    { field: pointer, message: `eventID ${eventId} is already captured with different content` },
  ]);

/** The document's JSON-LD context when it declares extension prefixes (object entries), to keep with each event. */
function extensionContext(doc: Record<string, unknown>): unknown {
  const ctx = doc['@context'];
  return Object.keys(contextPrefixes(ctx)).length ? ctx : undefined;
}

function prepare(doc: Record<string, unknown>): Prepared[] {
  const events = (doc.epcisBody as { eventList: EpcisEvent[] }).eventList;
  const docContext = extensionContext(doc);
  return events.map((event, i) => {
    const prefixes = contextPrefixes(doc['@context'], event['@context']);
    const hash = eventHash(event, prefixes);
    const { errorDeclaration, ...original } = event;
    const eventId = typeof event.eventID === 'string' ? event.eventID : errorDeclaration ? eventHash(original, prefixes) : hash;
    const stored: EpcisEvent = { ...event, eventID: eventId };
    if (docContext !== undefined && stored['@context'] === undefined) stored['@context'] = docContext;
    return {
      eventId,
      hash,
      errorDeclared: errorDeclaration ? 1 : 0,
      json: JSON.stringify(stored),
      event,
      pointer: `/epcisBody/eventList/${i}`,
    };
  });
}

/**
 * Captures an EPCIS 2.0 JSON-LD document for one tenant, all-or-nothing in one transaction (the
 * caller's, when `db` is a transaction).
 * An event without eventID gets its CBV 2.0 event hash (`ni:///sha-256;…?ver=CBV2.0`) as eventID.
 * Re-sending an event with the same eventID and the same content is accepted once (idempotent).
 * @param tenant the factory id that owns the events.
 * @param document the parsed request body; validated against the EPCIS 2.0 JSON Schema.
 * @returns eventIDs in document order, the number newly stored and the number of duplicates.
 * @throws AppError MALFORMED_REQUEST (details: JSON pointers into the document) when the document
 *   is not a valid EPCISDocument; CONFLICT (409) when an eventID is already stored (or repeated in
 *   the document) with different content. Nothing is stored when either is thrown.
 */
export async function capture(db: Db, tenant: string, document: unknown): Promise<CaptureResult> {
  assertEpcisDocument(document);
  const doc = document as Record<string, unknown>;
  if (doc.type !== 'EPCISDocument') {
    throw new AppError('MALFORMED_REQUEST', { en: 'Capture takes an EPCISDocument', zh: '只接受 EPCISDocument' }, [
      { field: '/type', message: 'must be EPCISDocument' },
    ]);
  }
  const prepared = prepare(doc);
  const inDocument = new Map<string, string>();
  for (const p of prepared) {
    const key = `${p.errorDeclared} ${p.eventId}`;
    const seen = inDocument.get(key);
    if (seen !== undefined && seen !== p.hash) throw conflict(p.eventId, `${p.pointer}/eventID`);
    inDocument.set(key, p.hash);
  }
  const now = Date.now();
  try {
    // inside a caller's transaction (the demo seed) the capture joins it; else it is its own
    const atomically = <T>(run: (trx: Db) => Promise<T>) => (db.isTransaction ? run(db) : db.transaction().execute(run));
    return await atomically(async (trx) => {
      let captured = 0;
      const done = new Set<string>();
      for (const p of prepared) {
        const key = `${p.errorDeclared} ${p.eventId}`;
        if (done.has(key)) continue;
        done.add(key);
        const existing = await trx
          .selectFrom('epcis_events')
          .select('event_hash')
          .where('factory_id', '=', tenant)
          .where('event_id', '=', p.eventId)
          .where('error_declared', '=', p.errorDeclared)
          .executeTakeFirst();
        if (existing) {
          if (existing.event_hash !== p.hash) throw conflict(p.eventId, `${p.pointer}/eventID`);
          continue;
        }
        const row = await trx
          .insertInto('epcis_events')
          .values({
            factory_id: tenant,
            event_id: p.eventId,
            event_hash: p.hash,
            ...eventColumns(p.event),
            error_declared: p.errorDeclared,
            event_json: p.json,
            recorded_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const terms = eventTerms(p.event);
        if (terms.length) {
          await trx
            .insertInto('epcis_event_epcs')
            .values(
              terms.map((t) => ({
                event_row_id: Number(row.id),
                factory_id: tenant,
                epc: t.epc,
                is_class: t.isClass ? 1 : 0,
                role: t.role,
              })),
            )
            .execute();
        }
        captured++;
      }
      return { eventIds: prepared.map((p) => p.eventId), captured, duplicates: prepared.length - captured };
    });
  } catch (err) {
    // two captures of the same new eventID at once: the loser sees the unique index
    if (isUniqueViolation(err)) throw conflict('(concurrent capture)', '/epcisBody/eventList');
    throw err;
  }
}
