import { z } from 'zod';
import { platformProcedure, publicProcedure } from '../../edge/trpc.ts';
import { erpStatus, performanceStats } from '../../services/monitoring/call-stats.ts';
import { checkHealth } from '../../services/monitoring/health.ts';

const state = z.enum(['healthy', 'unhealthy']);

/** GET /api/health/check (spec 000): 503 with status `unhealthy` when the database is down. */
export const healthCheckProcedure = publicProcedure
  .meta({
    openapi: { method: 'GET', path: '/api/health/check', tags: ['monitoring'], summary: 'Database, ERP and WeChat health' },
    family: 'mini',
    message: '系统健康',
    degradedStatus: 503,
  })
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

const bucket = {
  totalCalls: z.number().int(),
  avgResponseTime: z.number().describe('ms'),
  maxResponseTime: z.number().describe('ms'),
  errorCalls: z.number().int(),
  errorRate: z.number().describe('percent'),
};

/** GET /api/erp/status (spec 000), platform admins. */
export const erpStatusProcedure = platformProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/erp/status',
      tags: ['monitoring'],
      summary: 'ERP calls of the last hour per endpoint',
      protect: true,
    },
    family: 'mini',
    message: '查询成功',
    permission: 'platform_monitoring',
  })
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
  .query(({ ctx }) => erpStatus(ctx.deps.db));

/** GET /api/metrics/performance (spec 000), platform admins. */
export const performanceMetricsProcedure = platformProcedure
  .meta({
    openapi: {
      method: 'GET',
      path: '/api/metrics/performance',
      tags: ['monitoring'],
      summary: 'API calls of the last 24 h by hour and by endpoint',
      protect: true,
    },
    family: 'mini',
    message: '查询成功',
    permission: 'platform_monitoring',
  })
  .input(z.void())
  .output(
    z.object({
      hourlyStats: z.array(z.object({ hour: z.string(), ...bucket })),
      endpointStats: z.array(z.object({ endpoint: z.string(), ...bucket })),
    }),
  )
  .query(({ ctx }) => performanceStats(ctx.deps.db, ctx.deps.config.TIME_ZONE));
