import { z } from 'zod';
import { operation } from '../../edge/meta.ts';
import { platformProcedure } from '../../edge/trpc.ts';
import { statsAccess } from './schemas.ts';

const bucket = {
  totalCalls: z.number().int(),
  avgResponseTime: z.number().describe('ms'),
  maxResponseTime: z.number().describe('ms'),
  errorCalls: z.number().int(),
  errorRate: z.number().describe('percent'),
};

/** GET /api/metrics/performance (spec 000), platform admins. */
export const performanceMetricsProcedure = platformProcedure
  .meta(operation('mini', 'GET /api/metrics/performance', 'API calls of the last 24 h by hour and by endpoint', statsAccess))
  .input(z.void())
  .output(
    z.object({
      hourlyStats: z.array(z.object({ hour: z.string(), ...bucket })),
      endpointStats: z.array(z.object({ endpoint: z.string(), ...bucket })),
    }),
  )
  .query(({ ctx }) => ctx.deps.heavyReads.run('performanceStats', ctx.deps.config.TIME_ZONE, Date.now()));
