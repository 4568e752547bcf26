import { z } from 'zod';
import { isoInstant, traceId } from './schemas.ts';

const kilograms = z.number().positive().max(1e9).describe('kilograms of the input consumed');

export const batchInputsInput = z.object({
  id: traceId,
  inputs: z
    .array(
      z.union([
        z.strictObject({ traceId: traceId.describe('a batch of the caller’s factory'), quantityKg: kilograms }),
        z.strictObject({
          epcClass: z.string().trim().min(1).max(512).describe('any lot’s EPC class, e.g. a supplier’s Digital Link'),
          quantityKg: kilograms,
        }),
      ]),
    )
    .min(1)
    .max(100),
  eventTime: isoInstant.optional().describe('when the batch was made; default now'),
});

export const batchInputsOutput = z.object({
  eventId: z.string().describe('the TransformationEvent’s eventID (CBV 2.0 event hash)'),
  captured: z.boolean().describe('false when the same event was recorded before'),
  event: z.record(z.string(), z.unknown()).describe('the EPCIS 2.0 TransformationEvent'),
});
