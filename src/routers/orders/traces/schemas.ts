import { z } from 'zod';
import { TRACE_FIELDS, TRACE_SORT_FIELDS, TRACE_STATUSES } from '../../../services/traces/batches.ts';
import { parseIsoInstant } from '../../../services/traces/common.ts';
import { TRACE_EVENT_TYPES } from '../../../services/traces/logs.ts';

/**
 * Schemas of the v1 traceability API (spec 003). Query parameters arrive as strings:
 * trpc-to-openapi coerces the number schemas (`Number("")` is 0 and `Number("x")` NaN, both
 * refused by the bounds), enums and ISO dates stay strings checked here, so every bad parameter
 * is one 422 `details` entry and nothing from the input reaches SQL unchecked.
 */

/** spec 003 §6 tiers, shared buckets across the family. */
export const GENERAL_TIER = { limit: 300, bucket: 'v1-general' };
export const BATCH_TIER = { limit: 10, bucket: 'v1-batch' };

const ISO_HELP = 'ISO 8601 date (`2023-05-15`, midnight UTC) or date-time with Z or offset (`2023-05-15T08:00:00Z`)';
export const isoInstant = z
  .string()
  .max(40)
  .refine((v) => parseIsoInstant(v) !== undefined, { message: `Must be an ${ISO_HELP}` })
  .describe(ISO_HELP);

export const traceId = z.string().trim().min(1).max(40).describe('Trace batch id, e.g. `trace-456`');

export const page = z.number().int().min(1).max(1_000_000).default(1).describe('Page number, from 1');
export const limit = z.number().int().min(1).max(100).default(10).describe('Items per page, at most 100');
export const sortDir = (dflt: 'asc' | 'desc') => z.enum(['asc', 'desc']).default(dflt).describe('Sort direction');

/** `fields`: a comma list from the whitelist; unknown names are one 422 entry naming them all. */
export const fieldsParam = z
  .string()
  .max(300)
  .superRefine((v, ctx) => {
    const names = v.split(',').map((f) => f.trim());
    const unknown = names.filter((f) => !(TRACE_FIELDS as readonly string[]).includes(f));
    if (unknown.length) {
      ctx.addIssue({
        code: 'custom',
        message: `Unknown field(s) ${unknown.map((f) => JSON.stringify(f)).join(', ')}; allowed: ${TRACE_FIELDS.join(', ')}`,
      });
    }
  })
  .describe(`Comma-separated fields to return, from: ${TRACE_FIELDS.join(', ')}`);

/** fromDate must precede toDate; checked even when other fields are bad, so all errors show at once. */
function dateRangeOrdered<T extends { fromDate?: string; toDate?: string }>(schema: z.ZodType<T>) {
  return schema.refine(
    (v) => {
      const from = v.fromDate === undefined ? undefined : parseIsoInstant(v.fromDate);
      const to = v.toDate === undefined ? undefined : parseIsoInstant(v.toDate);
      return from === undefined || to === undefined || from < to;
    },
    {
      path: ['toDate'],
      message: 'toDate must be after fromDate',
      when: (p) => {
        const v = p.value as { fromDate?: unknown; toDate?: unknown } | undefined;
        return typeof v?.fromDate === 'string' && typeof v?.toDate === 'string';
      },
    },
  );
}

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

export const getTraceInput = z.object({ id: traceId, fields: fieldsParam.optional() });

const name = z.string().trim().min(1, 'Name is required').max(200);
const ref = (what: string) => z.string().trim().min(1, `${what} is required`).max(64);
/**
 * A JSON number, not coerced: trpc-to-openapi turns on coercion of every top-level number
 * schema, bodies included, which a pipe hides it from (`"5"`, `true` and `[5]` stay errors).
 */
const positive = (what: string) =>
  z
    .number({ error: `${what} must be a positive number` })
    .positive(`${what} must be a positive number`)
    .max(1e12)
    .pipe(z.number());

/** The writable fields of a batch (spec 003 §4.1). */
export const traceBatchBody = z.object({
  name,
  productId: ref('productId'),
  quantity: positive('Quantity'),
  unitWeight: positive('Unit weight').describe('kg per unit'),
  harvestDate: isoInstant,
  farmId: ref('farmId'),
  status: z.enum(TRACE_STATUSES).describe('Default active').optional(),
});

export const traceBatch = z
  .object({
    id: z.string().describe('`trace-<n>`'),
    code: z.string().describe('Public code, shown to consumers and encoded in the QR code'),
    name: z.string(),
    productId: z.string(),
    quantity: z.number(),
    unitWeight: z.number().describe('kg per unit'),
    harvestDate: z.string().describe('ISO 8601 UTC').meta({ format: 'date-time', example: '2026-11-30T08:00:00.000Z' }),
    farmId: z.string(),
    status: z.enum(TRACE_STATUSES),
    createdAt: z.string().describe('ISO 8601 UTC').meta({ format: 'date-time', example: '2026-11-30T08:00:00.000Z' }),
    updatedAt: z.string().describe('ISO 8601 UTC').meta({ format: 'date-time', example: '2026-11-30T08:00:00.000Z' }),
  })
  .meta({ id: 'TraceBatch' });
/** A batch trimmed by `fields`. */
export const traceBatchFields = traceBatch.partial();

export const pageMeta = z
  .object({
    page: z.number().int(),
    limit: z.number().int(),
    totalItems: z.number().int(),
    totalPages: z.number().int(),
    serverTime: z.string().describe('ISO 8601 UTC').meta({ format: 'date-time', example: '2026-11-30T08:00:00.000Z' }),
  })
  .meta({ id: 'PageMeta' });

export const traceLog = z
  .object({
    id: z.string().describe('`log-<n>`'),
    traceId: z.string(),
    eventType: z.enum(TRACE_EVENT_TYPES),
    occurredAt: z.string().describe('ISO 8601 UTC').meta({ format: 'date-time', example: '2026-11-30T08:00:00.000Z' }),
    operator: z.string().nullable(),
    location: z.string().nullable(),
    notes: z.string().nullable(),
    createdAt: z.string().describe('ISO 8601 UTC').meta({ format: 'date-time', example: '2026-11-30T08:00:00.000Z' }),
  })
  .meta({ id: 'TraceLog' });

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

export const addLogInput = z.object({
  id: traceId,
  eventType: z.enum(TRACE_EVENT_TYPES),
  occurredAt: isoInstant.describe(`Default now. ${ISO_HELP}`).optional(),
  operator: z.string().trim().max(100).optional(),
  location: z.string().trim().max(200).optional(),
  notes: z.string().trim().max(1000).optional(),
});

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
