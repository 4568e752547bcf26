import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { BiSettings } from '../../services/bi/analytics.ts';

export const days = (fallback: number) =>
  z.coerce.number().int().min(1).max(366).default(fallback).describe('local calendar days ending today');
export const merchantId = z.string().trim().min(1).max(64).optional().describe('platform administrators only');
export const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month must be YYYY-MM')
  .meta({ example: '2026-11' })
  .optional()
  .describe('YYYY-MM in the configured time zone; default: the current month');
export const money = z.number().describe('major currency unit, exact to the cent');
export const localDateString = z.string().describe('YYYY-MM-DD in the configured time zone');

export const settingsOf = (config: Config): BiSettings => ({ timeZone: config.TIME_ZONE, feeBasisPoints: config.PLATFORM_FEE_RATE });

/** Meta shared by the BI analytics: `{success, data}` envelope, BI permission, 60 calls a minute. */
export const biMeta = { family: 'bi', permission: 'bi_read', rateLimit: { limit: 60 } } as const;

/** The `meta` of a BI report's envelope, which the BI CLI reads (REAL-CLIENTS.md). */
export const reportMeta = z
  .object({
    cached: z.boolean().describe('always false: reports are computed per request from the rollups').meta({ example: false }),
    as_of: z
      .string()
      .describe('ISO 8601 instant the period ends at (now)')
      .meta({ format: 'date-time', example: '2024-01-15T08:30:00.000Z' }),
    query_time_ms: z.number().int().describe('milliseconds spent computing the report').meta({ example: 12 }),
  })
  .meta({ id: 'BiReportMeta' });

/** Runs a report at one instant and puts it under `data`, with the `meta` of reportMeta. */
export async function withReportMeta<T>(run: (now: number) => Promise<T>): Promise<{ data: T; meta: z.infer<typeof reportMeta> }> {
  const now = Date.now();
  const started = performance.now();
  const data = await run(now);
  return { data, meta: { cached: false, as_of: new Date(now).toISOString(), query_time_ms: Math.round(performance.now() - started) } };
}
