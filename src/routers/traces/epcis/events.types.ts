import { z } from 'zod';
import { DEFAULT_PER_PAGE, MAX_PER_PAGE } from '../../../services/traces/epcis/query.ts';
import { epcisQueryDocument } from './schemas.ts';

const list = (what: string) => z.string().max(2000).optional().describe(`${what}; several values comma-separated (any of them)`);
const time = (what: string) =>
  z
    .string()
    .max(40)
    .refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 date-time')
    .optional()
    .describe(`${what} (ISO 8601 date-time)`);

/** The EPCIS 2.0 REST bindings' SimpleEventQuery parameters tracehub supports; others are refused. */
export const eventsInput = z.strictObject({
  eventType: list('`ObjectEvent`, `AggregationEvent`, `TransactionEvent`, `TransformationEvent`, `AssociationEvent`'),
  EQ_bizStep: list('CBV business step, bare (`shipping`) or as URI'),
  EQ_disposition: list('CBV disposition, bare (`in_transit`) or as URI'),
  GE_eventTime: time('eventTime at or after'),
  LT_eventTime: time('eventTime before'),
  EQ_bizLocation: list('Business location id (SGLN URN or Digital Link)'),
  EQ_readPoint: list('Read point id'),
  MATCH_epc: list('EPC (instance) in epcList or childEPCs, exact'),
  MATCH_anyEPCClass: list('EPC class in any quantity list, exact (e.g. a batch’s `epcClass`)'),
  perPage: z.number().int().min(1).max(MAX_PER_PAGE).default(DEFAULT_PER_PAGE).describe(`Events per page, at most ${MAX_PER_PAGE}`),
  nextPageToken: z.string().max(200).optional().describe('`meta.nextPageToken` of the previous page of the same query'),
});

export const eventsOutput = z.object({
  data: epcisQueryDocument,
  meta: z.object({
    perPage: z.number().int(),
    nextPageToken: z.string().optional().describe('Present when more events match: pass it to get the next page'),
    serverTime: z.string().describe('ISO 8601 UTC').meta({ format: 'date-time', example: '2026-11-30T08:00:00.000Z' }),
  }),
});
