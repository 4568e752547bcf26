import { z } from 'zod';
import { SAMPLE_DOCUMENT } from './schemas.ts';

/**
 * The request body: an EPCISDocument as JSON-LD. Only its envelope is named here, every field
 * optional, so that a body that is no EPCIS document is refused by the EPCIS 2.0 JSON Schema
 * (400 with JSON pointers), not by a partial restatement of it.
 */
export const captureInput = z
  .looseObject({
    '@context': z
      .unknown()
      .optional()
      .describe('JSON-LD context: `https://ref.gs1.org/standards/epcis/epcis-context.jsonld` and extension prefixes'),
    type: z.string().optional().describe('`EPCISDocument`'),
    schemaVersion: z.string().optional().describe('`2.0`'),
    creationDate: z.string().optional().describe('ISO 8601'),
    epcisHeader: z.unknown().optional().describe('Optional header (master data)'),
    epcisBody: z.unknown().optional().describe('`{ eventList: [event, …] }`, events as the EPCIS 2.0 JSON Schema defines them'),
  })
  .meta({ example: SAMPLE_DOCUMENT });

export const captureResult = z
  .object({
    eventIds: z
      .array(z.string())
      .describe('The eventID of every event of the document, in order; an event sent without one gets its CBV 2.0 event hash'),
    captured: z.number().int().describe('Events stored by this request'),
    duplicates: z.number().int().describe('Events already stored with the same content (a re-sent document): accepted, not stored twice'),
  })
  .meta({ id: 'EpcisCaptureResult' });
