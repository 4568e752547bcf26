import { z } from 'zod';
import { TRACE_SORT_FIELDS, TRACE_STATUSES } from '../../services/traces/batch-fields.ts';
import { dateRangeOrdered, fieldsParam, ISO_HELP, isoInstant, limit, page, sortDir } from './schemas.ts';

export const listTracesInput = dateRangeOrdered(
  z.object({
    page,
    limit,
    sortBy: z.enum(TRACE_SORT_FIELDS).default('createdAt').describe('Sort field'),
    sortDir: sortDir('desc'),
    search: z.string().trim().max(100).describe('Case-insensitive text in name, code, productId or farmId, or a batch id').optional(),
    status: z.enum(TRACE_STATUSES).optional(),
    fromDate: isoInstant.describe(`createdAt at or after (inclusive). ${ISO_HELP}`).optional(),
    toDate: isoInstant.describe(`createdAt before (exclusive). ${ISO_HELP}`).optional(),
    fields: fieldsParam.optional(),
  }),
);
