import { z } from 'zod';
import { getTraceBatch, listTraceBatches } from '../../../services/traces/batches.ts';
import { getPublicTraceView } from '../../../services/traces/public-view.ts';
import { getTracePublicLink } from '../../../services/traces/qrcode.ts';
import { authedProcedure, publicProcedure } from '../../../trpc/init.ts';
import { GENERAL_TIER, getTraceInput, listTracesInput, pageMeta, publicTraceView, traceBatchFields, traceId } from './schemas.ts';

/** GET /v1/traces (spec 003 §1.2, §5): the caller's factory's batches, paged. */
export const listTracesProcedure = authedProcedure
  .meta({
    openapi: { method: 'GET', path: '/v1/traces', tags: ['v1'], summary: 'List trace batches', protect: true },
    envelope: 'v1',
    dataShape: 'spread',
    permission: 'trace_read',
    rateLimit: GENERAL_TIER,
  })
  .input(listTracesInput)
  .output(z.object({ data: z.array(traceBatchFields), meta: pageMeta }))
  .query(({ ctx, input }) => listTraceBatches(ctx.deps, ctx.user.factoryId, input));

/** GET /v1/traces/{id} */
export const getTraceProcedure = authedProcedure
  .meta({
    openapi: { method: 'GET', path: '/v1/traces/{id}', tags: ['v1'], summary: 'One trace batch', protect: true },
    envelope: 'v1',
    permission: 'trace_read',
    rateLimit: GENERAL_TIER,
  })
  .input(getTraceInput)
  .output(traceBatchFields)
  .query(({ ctx, input }) => getTraceBatch(ctx.deps.db, ctx.user.factoryId, input.id, input.fields));

/** GET /v1/public/traces/{code}: the consumer view behind the QR code, no sign-in. */
export const publicTraceProcedure = publicProcedure
  .meta({
    openapi: { method: 'GET', path: '/v1/public/traces/{code}', tags: ['v1'], summary: 'Consumer view of a batch by its public code' },
    envelope: 'v1',
    rateLimit: GENERAL_TIER,
  })
  .input(z.object({ code: z.string().trim().min(1).max(32).describe('Public batch code') }))
  .output(publicTraceView)
  .query(({ ctx, input }) => getPublicTraceView(ctx.deps.db, input.code));

/**
 * The public link of a batch and the image format asked for: the procedure behind the Hono
 * route GET /v1/traces/{id}/qrcode (an image answer trpc-to-openapi cannot send), which runs
 * it for the auth, permission and rate-limit rules; tRPC clients may call it directly.
 */
export const qrCodeTargetProcedure = authedProcedure
  .meta({ envelope: 'v1', permission: 'trace_read', rateLimit: GENERAL_TIER })
  .input(z.object({ id: traceId, format: z.enum(['png', 'svg']).default('png').describe('Image format') }))
  .output(z.object({ code: z.string(), url: z.string(), format: z.enum(['png', 'svg']) }))
  .query(async ({ ctx, input }) => ({
    ...(await getTracePublicLink(ctx.deps.db, ctx.user.factoryId, input.id, ctx.deps.config.PUBLIC_BASE_URL)),
    format: input.format,
  }));
