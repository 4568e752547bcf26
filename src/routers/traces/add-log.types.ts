import { z } from 'zod';
import { TRACE_EVENT_TYPES } from '../../services/traces/logs.ts';
import { ISO_HELP, isoInstant, traceId } from './schemas.ts';

export const addLogInput = z.object({
  id: traceId,
  eventType: z.enum(TRACE_EVENT_TYPES),
  occurredAt: isoInstant.describe(`Default now. ${ISO_HELP}`).optional(),
  operator: z.string().trim().max(100).optional(),
  location: z.string().trim().max(200).optional(),
  notes: z.string().trim().max(1000).optional(),
});
