import type { z } from 'zod';
import { operation } from '../../../edge/meta.ts';
import { publicProcedure } from '../../../edge/trpc.ts';
import { resolveScan } from '../../../services/traces/gs1/resolver.ts';
import { resolveLotInput, scanResult } from './resolve-lot.types.ts';

/**
 * GET /01/{gtin}/10/{lot}: the GS1 Digital Link resolver (issue 14 §3). src/http/routes/resolver.ts
 * answers a browser with the lot's page and `Accept: application/linkset+json` with its RFC 9264
 * link set; a mistyped or unknown code gets a 404 page.
 */
export const resolveLotProcedure = publicProcedure
  .meta(
    operation('page', 'GET /01/{gtin}/10/{lot}', 'GS1 Digital Link resolver: the lot’s page (HTML) or its RFC 9264 link set', {
      transport: 'hono',
      rateLimit: { limit: 120, bucket: 'resolver' },
      alternates: { 'application/linkset+json': 'Linkset' },
      errors: ['NOT_FOUND'],
    }),
  )
  .input(resolveLotInput)
  .output(scanResult)
  // the service's Linkset type says `anchor` is the one string member; zod's catchall cannot
  .query(
    async ({ ctx, input }) =>
      (await resolveScan(ctx.deps.db, ctx.deps.config.PUBLIC_BASE_URL, input.gtin, input.lot)) as z.infer<typeof scanResult>,
  );
