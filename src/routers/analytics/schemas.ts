import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/connect.ts';
import { type Meta, operation } from '../../edge/meta.ts';
import { authedProcedure } from '../../edge/trpc.ts';
import { type BiSettings, resolveMerchantScope } from '../../services/analytics/scope.ts';
import type { Principal } from '../../services/identity/principal.ts';

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

/** Whose data the caller reads: its merchant, the one a platform admin names, or null for the platform. */
export const scopeOf = (ctx: { deps: { db: Db }; user: Principal }, merchant: string | undefined) =>
  resolveMerchantScope(ctx.deps.db, ctx.user, merchant);

/**
 * The meta of a BI operation (spec 004): BI envelope (`{success, data}` unless `dataShape` says
 * otherwise), the `bi_read` permission, 60 calls a minute.
 */
export const biOperation = (route: Parameters<typeof operation>[1], summary: string, rest: Pick<Meta, 'dataShape'> = {}) =>
  operation('bi', route, summary, { permission: 'bi_read', rateLimit: { limit: 60 }, ...rest });

/**
 * A BI operation for merchants and platform administrators (biOperation's meta) with its input
 * and output schemas; the caller adds `.query(...)`.
 */
export const biProcedure = <I extends z.ZodType, O extends z.ZodType>(
  route: Parameters<typeof operation>[1],
  summary: string,
  schemas: { input: I; output: O },
  rest: Pick<Meta, 'dataShape'> = {},
) =>
  authedProcedure
    .meta(biOperation(route, summary, rest))
    .input(schemas.input)
    .output(schemas.output);

/** The `meta` of a BI report's envelope, which the BI CLI reads (REAL-CLIENTS.md). */
export const reportMeta = z
  .object({
    cached: z
      .boolean()
      .describe('true when the report was answered from the report cache: the data it reads has not changed since it was computed')
      .meta({ example: false }),
    as_of: z
      .string()
      .describe('ISO 8601 instant the period ends at (now)')
      .meta({ format: 'date-time', example: '2024-01-15T08:30:00.000Z' }),
    query_time_ms: z.number().int().describe('milliseconds spent computing the report').meta({ example: 12 }),
  })
  .meta({ id: 'BiReportMeta' });

/** Runs a report at one instant and puts it under `data`, with the `meta` of reportMeta. */
export async function withReportMeta<T>(
  run: (now: number) => Promise<{ value: T; cached: boolean }>,
): Promise<{ data: T; meta: z.infer<typeof reportMeta> }> {
  const now = Date.now();
  const started = performance.now();
  const { value, cached } = await run(now);
  return { data: value, meta: { cached, as_of: new Date(now).toISOString(), query_time_ms: Math.round(performance.now() - started) } };
}

/** The commerce listings (spec 004 commerce reference): one merchant, paged by limit and offset. */
const commerceMerchant = z.string().trim().min(1).max(64);
const page = {
  limit: z.coerce.number().int().min(1).max(100).default(100),
  offset: z.coerce.number().int().min(0).default(0),
};
const paging = { total: z.number().int(), page: z.number().int(), has_next: z.boolean() };
export const decimal = z.string().describe('decimal amount, two places');

/**
 * A merchant's paged listing (spec 004 commerce reference): the query (the merchant, an optional
 * `status` filter, limit 1–100 default 100, offset) and the answer (`key`'s array of `item`,
 * `total`, `page`, `has_next`).
 */
export function listing<K extends string, S extends z.ZodEnum, Item extends z.ZodObject>(key: K, status: S, item: Item) {
  return {
    input: z.object({ merchant_id: commerceMerchant, status: status.optional(), ...page }),
    output: z.object({ [key]: z.array(item), ...paging } as Record<K, z.ZodArray<Item>> & typeof paging),
  };
}

/** The merchant a listing reads: platform admins name any existing one; merchants only themselves (another id is not found). */
export const listedMerchant = async (ctx: Parameters<typeof scopeOf>[0], merchant: string) => (await scopeOf(ctx, merchant)) ?? merchant;
