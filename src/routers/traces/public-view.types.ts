import { z } from 'zod';
import { TRACE_STATUSES } from '../../services/traces/batch-fields.ts';
import { TRACE_EVENT_TYPES } from '../../services/traces/logs.ts';

export const publicTraceView = z
  .object({
    code: z.string(),
    product: z.object({ name: z.string(), productId: z.string() }),
    origin: z.object({
      farmId: z.string(),
      producer: z.string(),
      harvestDate: z.string().describe('ISO 8601 UTC').meta({ format: 'date-time', example: '2026-11-30T08:00:00.000Z' }),
    }),
    status: z.enum(TRACE_STATUSES),
    timeline: z.array(
      z.object({
        eventType: z.enum(TRACE_EVENT_TYPES),
        occurredAt: z.string().describe('ISO 8601 UTC').meta({ format: 'date-time', example: '2026-11-30T08:00:00.000Z' }),
        location: z.string().nullable(),
        notes: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'PublicTraceView' });

/** The path parameter of the public views: the code printed under the QR code (any case). */
export const publicCodeInput = z.object({
  code: z.string().trim().min(1).max(32).describe('Public batch code').meta({ example: '7Q2M9K4T1XBC' }),
});
