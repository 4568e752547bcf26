import { z } from 'zod';
import { operation } from '../../edge/meta.ts';
import { authedProcedure } from '../../edge/trpc.ts';
import { analyzeWithDeepseek } from '../../services/ai/deepseek-analysis.ts';

/** POST /api/mobile/analysis/deepseek (spec 002 §5.1), `bi.analysis` as ROUTES.md names it. */
export const deepseekAnalysisProcedure = authedProcedure
  .meta(
    operation('mobile', 'POST /api/mobile/analysis/deepseek', 'DeepSeek food-traceability analysis', {
      dataShape: 'spread',
      permission: 'ai_analysis',
      rateLimit: { limit: 10 },
    }),
  )
  .input(
    z.object({
      data: z
        .union([z.string().min(1), z.record(z.string(), z.unknown()), z.array(z.unknown())])
        .refine((d) => (typeof d === 'string' ? d : JSON.stringify(d)).length <= 20_000, '数据不能超过20000字符'),
      requestId: z.string().trim().min(1).max(100).optional(),
    }),
  )
  .output(
    z.object({
      requestId: z.string(),
      analysis: z.string(),
      model: z.string(),
      cached: z.boolean().describe('true when this requestId was answered before'),
      createdAt: z.number().int().describe('epoch ms'),
    }),
  )
  .mutation(({ ctx, input }) => analyzeWithDeepseek(ctx.deps, ctx.user.id, input));
