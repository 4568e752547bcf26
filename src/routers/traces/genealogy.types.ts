import { z } from 'zod';
import { MAX_DEPTH } from '../../services/traces/epcis/genealogy.ts';
import { traceId } from './schemas.ts';

export const genealogyInput = z.object({
  id: traceId,
  direction: z
    .enum(['backward', 'forward'])
    .default('backward')
    .describe('backward: what the lot was made from; forward: what it went into'),
  depth: z.coerce.number().int().min(1).max(MAX_DEPTH).default(5).describe('levels of transformations to follow'),
});

const quantity = z.object({ quantity: z.number().optional(), uom: z.string().optional().describe('UN/ECE Rec 20 code, e.g. KGM') });

export const genealogyLink = z.object({
  from: z.string().describe('input lot (EPC class or EPC)'),
  to: z.string().describe('output lot'),
  eventId: z.string(),
  eventTime: z.string().describe('ISO 8601, as captured'),
  bizStep: z.string().nullable(),
  bizLocation: z.string().nullable(),
  factoryId: z.string().describe('the factory that captured the event'),
  input: quantity,
  output: quantity,
});

export const genealogyLot = z.object({
  epc: z.string(),
  depth: z.number().int().describe('0 for the recalled lot itself, 1 for one transformation away'),
});

export const genealogyOutput = z
  .object({
    root: z.string().describe('the batch’s lot as an EPC class'),
    direction: z.enum(['backward', 'forward']),
    depth: z.number().int(),
    lots: z.array(genealogyLot).describe('lots reached, nearest first'),
    links: z.array(genealogyLink),
    truncated: z.boolean().describe('true when the walk hit its size bound'),
  })
  .meta({ id: 'Genealogy' });
