import { z } from 'zod';
import { authedProcedure } from '../../edge/trpc.ts';
import { getTracePublicLink } from '../../services/traces/qrcode.ts';
import { GENERAL_TIER, qrInput } from './schemas.ts';

/** The public link a batch's QR code encodes, for tRPC clients that render the image themselves (no REST path). */
export const qrCodeTargetProcedure = authedProcedure
  .meta({ family: 'v1', permission: 'trace_read', rateLimit: GENERAL_TIER })
  .input(qrInput)
  .output(z.object({ code: z.string(), url: z.string(), format: z.enum(['png', 'svg']) }))
  .query(async ({ ctx, input }) => ({
    ...(await getTracePublicLink(ctx.deps.db, ctx.user.factoryId, input.id, ctx.deps.config.PUBLIC_BASE_URL)),
    format: input.format,
  }));
