import { operation } from '../../edge/meta.ts';
import { publicProcedure } from '../../edge/trpc.ts';
import { getPublicTraceView } from '../../services/traces/public-view.ts';
import { publicCodeInput, publicTraceView } from './public-view.types.ts';
import { GENERAL_TIER } from './schemas.ts';

/** GET /v1/public/traces/{code}: the consumer view behind the QR code, no sign-in. */
export const publicTraceProcedure = publicProcedure
  .meta(operation('v1', 'GET /v1/public/traces/{code}', 'Consumer view of a batch by its public code', { rateLimit: GENERAL_TIER }))
  .input(publicCodeInput)
  .output(publicTraceView)
  .query(({ ctx, input }) => getPublicTraceView(ctx.deps.db, input.code));
