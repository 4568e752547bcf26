import { sql } from 'kysely';
import { z } from 'zod';
import { publicProcedure } from '../../edge/trpc.ts';

/** GET /api/mobile/health (spec 002 §7): 503 when the database does not answer. */
export const mobileHealthProcedure = publicProcedure
  .meta({
    openapi: { method: 'GET', path: '/api/mobile/health', tags: ['mobile'], summary: 'Mobile API health' },
    family: 'mobile',
    dataShape: 'spread',
    degradedStatus: 503,
    rateLimit: { limit: 60 },
  })
  .input(z.void())
  .output(
    z.object({
      status: z.enum(['healthy', 'unhealthy']),
      timestamp: z.string().describe('ISO 8601').meta({ format: 'date-time' }),
      services: z.object({ database: z.enum(['healthy', 'unhealthy']), sms: z.string(), ai: z.enum(['configured', 'not_configured']) }),
    }),
  )
  .query(async ({ ctx }) => {
    const database = await sql`select 1`.execute(ctx.deps.db).then(
      () => 'healthy' as const,
      () => 'unhealthy' as const,
    );
    if (database === 'unhealthy') ctx.response.status = 503;
    return {
      status: database,
      timestamp: new Date().toISOString(),
      services: { database, sms: ctx.deps.config.SMS_PROVIDER, ai: ctx.deps.deepseek ? 'configured' : 'not_configured' },
    };
  });
