import { z } from 'zod';
import { operation } from '../../edge/meta.ts';
import { publicProcedure } from '../../edge/trpc.ts';
import { checkMobileHealth } from '../../services/monitoring/health.ts';

const state = z.enum(['healthy', 'unhealthy']);

/** GET /api/mobile/health (spec 002 §7): 503 when the database does not answer. */
export const mobileHealthProcedure = publicProcedure
  .meta(
    operation('mobile', 'GET /api/mobile/health', 'Mobile API health', {
      dataShape: 'spread',
      degradedStatus: 503,
      rateLimit: { limit: 60 },
    }),
  )
  .input(z.void())
  .output(
    z.object({
      status: state,
      timestamp: z.string().describe('ISO 8601').meta({ format: 'date-time' }),
      services: z.object({ database: state, sms: z.string(), ai: z.enum(['configured', 'not_configured']) }),
    }),
  )
  .query(async ({ ctx }) => {
    const report = await checkMobileHealth(ctx.deps);
    if (report.status === 'unhealthy') ctx.response.status = 503;
    return report;
  });
