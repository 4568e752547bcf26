import { z } from 'zod';
import { type FileOutput, fileOutput } from '../../../edge/files.ts';
import { authedProcedure, publicProcedure } from '../../../edge/trpc.ts';
import { getTraceBatch, listTraceBatches } from '../../../services/traces/batches.ts';
import { getPublicTraceView } from '../../../services/traces/public-view.ts';
import { getTracePublicLink, renderQrCode } from '../../../services/traces/qrcode.ts';
import { GENERAL_TIER, getTraceInput, listTracesInput, pageMeta, publicTraceView, traceBatchFields, traceId } from './schemas.ts';

/** GET /v1/traces (spec 003 §1.2, §5): the caller's factory's batches, paged. */
export const listTracesProcedure = authedProcedure
  .meta({
    openapi: { method: 'GET', path: '/v1/traces', tags: ['v1'], summary: 'List trace batches', protect: true },
    family: 'v1',
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
    family: 'v1',
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
    family: 'v1',
    rateLimit: GENERAL_TIER,
  })
  .input(z.object({ code: z.string().trim().min(1).max(32).describe('Public batch code') }))
  .output(publicTraceView)
  .query(({ ctx, input }) => getPublicTraceView(ctx.deps.db, input.code));

const qrInput = z.object({ id: traceId, format: z.enum(['png', 'svg']).default('png').describe('Image format') });

/** The public link a batch's QR code encodes, for tRPC clients that render the image themselves. */
export const qrCodeTargetProcedure = authedProcedure
  .meta({ family: 'v1', permission: 'trace_read', rateLimit: GENERAL_TIER })
  .input(qrInput)
  .output(z.object({ code: z.string(), url: z.string(), format: z.enum(['png', 'svg']) }))
  .query(async ({ ctx, input }) => ({
    ...(await getTracePublicLink(ctx.deps.db, ctx.user.factoryId, input.id, ctx.deps.config.PUBLIC_BASE_URL)),
    format: input.format,
  }));

/** GET /v1/traces/{id}/qrcode: a PNG (or SVG with `?format=svg`) QR code of the batch's public URL. */
export const qrCodeProcedure = authedProcedure
  .meta({
    openapi: { method: 'GET', path: '/v1/traces/{id}/qrcode', tags: ['v1'], summary: "QR code of a batch's public page", protect: true },
    family: 'v1',
    permission: 'trace_read',
    rateLimit: GENERAL_TIER,
    response: 'file',
    produces: ['image/png', 'image/svg+xml'],
  })
  .input(qrInput)
  .output(fileOutput)
  .query(async ({ ctx, input }): Promise<FileOutput> => {
    const link = await getTracePublicLink(ctx.deps.db, ctx.user.factoryId, input.id, ctx.deps.config.PUBLIC_BASE_URL);
    const image = await renderQrCode(link.url, input.format);
    return { body: image.body, contentType: image.contentType, cacheControl: 'private, max-age=3600' };
  });
