import { z } from 'zod';
import { wechatProcedure } from '../../edge/trpc.ts';
import { bindCompany } from '../../services/identity/wechat/company-binding.ts';

export const companyInfo = z.object({ companyId: z.string(), companyName: z.string(), customerId: z.string() });

/** POST /api/auth/bind-company (spec 000) */
export const bindCompanyProcedure = wechatProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/auth/bind-company',
      tags: ['mini'],
      summary: 'Bind the user to an ERP company by invite code',
      protect: true,
    },
    family: 'mini',
    message: '绑定成功',
    rateLimit: { limit: 5 },
  })
  .input(z.object({ inviteCode: z.string().trim().min(1, '邀请码不能为空').max(64), userId: z.string().max(32).optional() }))
  .output(z.object({ bindStatus: z.boolean(), companyInfo }))
  .mutation(async ({ ctx, input }) => {
    const result = await bindCompany(ctx.deps, ctx.user.id, input);
    if (result.alreadyBound) ctx.response.message = '已绑定该企业';
    return { bindStatus: true, companyInfo: result.companyInfo };
  });
