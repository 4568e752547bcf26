import { z } from 'zod';
import { TRACE_EVENT_TYPES } from '../../services/traces/logs.ts';
import { dateRangeOrdered, ISO_HELP, isoInstant, limit, page, sortDir, traceId } from './schemas.ts';

export const listLogsInput = dateRangeOrdered(
  z.object({
    id: traceId,
    page,
    limit,
    sortDir: sortDir('asc').describe('By occurredAt; default oldest first'),
    eventType: z.enum(TRACE_EVENT_TYPES).optional(),
    fromDate: isoInstant.describe(`occurredAt at or after (inclusive). ${ISO_HELP}`).optional(),
    toDate: isoInstant.describe(`occurredAt before (exclusive). ${ISO_HELP}`).optional(),
  }),
);
