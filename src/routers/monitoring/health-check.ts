import { z } from 'zod';
import { operation } from '../../edge/meta.ts';
import { publicProcedure } from '../../edge/trpc.ts';
import { checkHealth } from '../../services/monitoring/health.ts';

const state = z.enum(['healthy', 'unhealthy']);

/** GET /api/health/check (spec 000): 503 with status `unhealthy` when the database is down. */
export const healthCheckProcedure = publicProcedure
  .meta(operation('mini', 'GET /api/health/check', 'Database, ERP and WeChat health', { message: '系统健康', degradedStatus: 503 }))
  .input(z.void())
  .output(
    z.object({
      status: z.enum(['healthy', 'degraded', 'unhealthy']),
      timestamp: z.number().int(),
      services: z.object({ database: state, erp: state, wechat: state }),
    }),
  )
  .query(async ({ ctx }) => {
    const report = await checkHealth(ctx.deps);
    if (report.status !== 'healthy') ctx.response.message = report.status === 'degraded' ? '部分外部服务异常' : '系统异常';
    if (report.status === 'unhealthy') ctx.response.status = 503;
    return report;
  });
