import { z } from 'zod';
import { operation } from '../../edge/meta.ts';
import { TRACE_FIELDS, TRACE_STATUSES } from '../../services/traces/batch-fields.ts';
import { parseIsoInstant } from '../../services/traces/common.ts';
import { isValidLot, normalizeGtin } from '../../services/traces/gs1/identifiers.ts';
import { TRACE_EVENT_TYPES } from '../../services/traces/logs.ts';

/**
 * Schemas of the v1 traceability API (spec 003). Query parameters arrive as strings:
 * trpc-to-openapi coerces the number schemas (`Number("")` is 0 and `Number("x")` NaN, both
 * refused by the bounds), enums and ISO dates stay strings checked here, so every bad parameter
 * is one 422 `details` entry and nothing from the input reaches SQL unchecked.
 */

/** spec 003 §6 tiers, shared buckets across the family. */
export const GENERAL_TIER = { limit: 300, bucket: 'v1-general' };
export const BATCH_TIER = { limit: 10, bucket: 'v1-batch' };

export const ISO_HELP = 'ISO 8601 date (`2023-05-15`, midnight UTC) or date-time with Z or offset (`2023-05-15T08:00:00Z`)';
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
export function dateRangeOrdered<T extends { fromDate?: string; toDate?: string }>(schema: z.ZodType<T>) {
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

/** GS1 identity (issue 14): optional, both or neither; `null` clears, absent keeps (PUT included). */
const gtin = z
  .string()
  .trim()
  .refine((v) => normalizeGtin(v) !== undefined, { message: 'gtin must be a GTIN-8, -12, -13 or -14 with a valid check digit' })
  .nullable()
  .describe('GTIN-8/12/13/14 of the product (check digit validated, answered as GTIN-14); with `lot`')
  .meta({ example: '09520123456788' });
const lot = z
  .string()
  .trim()
  .refine(isValidLot, { message: 'lot must be 1-20 characters of the GS1 character set 82' })
  .nullable()
  .describe('Batch/lot number (GS1 AI 10: 1-20 characters of character set 82); with `gtin`')
  .meta({ example: 'LOT-42' });

/** The writable fields of a batch (spec 003 §4.1), with the optional GS1 identity of issue 14. */
export const traceBatchBody = z.object({
  name,
  productId: ref('productId'),
  quantity: positive('Quantity'),
  unitWeight: positive('Unit weight').describe('kg per unit'),
  harvestDate: isoInstant,
  farmId: ref('farmId'),
  status: z.enum(TRACE_STATUSES).describe('Default active').optional(),
  gtin: gtin.optional(),
  lot: lot.optional(),
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
    gtin: z.string().optional().describe('GTIN-14; present with `lot` only').meta({ example: '09520123456788' }),
    lot: z.string().optional().describe('GS1 batch/lot number; present with `gtin` only').meta({ example: 'LOT-42' }),
    digitalLink: z
      .string()
      .optional()
      .describe('GS1 Digital Link URI of the lot, on this server (`/01/{gtin}/10/{lot}`); with gtin and lot')
      .meta({ example: 'https://trace.example.com/01/09520123456788/10/LOT-42' }),
    epcClass: z
      .string()
      .optional()
      .describe('EPC class URN of the lot (LGTIN, EPC Tag Data Standard 2.0); with gtin and lot')
      .meta({ example: 'urn:epc:class:lgtin:9520123.045678.LOT-42' }),
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

/** `id` and `format` of the two QR code operations. */
export const qrInput = z.object({ id: traceId, format: z.enum(['png', 'svg']).default('png').describe('Image format') });

/**
 * The meta of a signed-in v1 trace operation: the permission it needs, the general rate-limit
 * tier unless `rest` says otherwise.
 */
export const traceOperation = (
  route: Parameters<typeof operation>[1],
  summary: string,
  permission: 'trace_read' | 'trace_write',
  rest: Parameters<typeof operation>[3] = {},
) => operation('v1', route, summary, { permission, rateLimit: GENERAL_TIER, ...rest });
