import { z } from 'zod';
import { operation } from '../../edge/meta.ts';
import { platformProcedure } from '../../edge/trpc.ts';
import { statsAccess } from './schemas.ts';

/** GET /api/erp/status (spec 000), platform admins. */
export const erpStatusProcedure = platformProcedure
  .meta(operation('mini', 'GET /api/erp/status', 'ERP calls of the last hour per endpoint', statsAccess))
  .input(z.void())
  .output(
    z.object({
      stats: z.array(
        z.object({
          endpoint: z.string(),
          totalCalls: z.number().int(),
          avgResponseTime: z.number(),
          errorRate: z.number(),
          successRate: z.number(),
        }),
      ),
      checkTime: z.number().int(),
    }),
  )
  .query(({ ctx }) => ctx.deps.heavyReads.run('erpStatus', Date.now()));
