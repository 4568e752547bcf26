import { z } from 'zod';
import { operation } from '../../../edge/meta.ts';
import { wechatProcedure } from '../../../edge/trpc.ts';
import { bindCompany } from '../../../services/identity/wechat/company-binding.ts';

const companyInfo = z.object({ companyId: z.string(), companyName: z.string(), customerId: z.string() });

/** POST /api/auth/bind-company (spec 000): binds the caller to an ERP company by invite code. */
export const bindCompanyProcedure = wechatProcedure
  .meta(
    operation('mini', 'POST /api/auth/bind-company', 'Bind the user to an ERP company by invite code', {
      message: '绑定成功',
      rateLimit: { limit: 5 },
    }),
  )
  .input(z.object({ inviteCode: z.string().trim().min(1, '邀请码不能为空').max(64), userId: z.string().max(32).optional() }))
  .output(z.object({ bindStatus: z.boolean(), companyInfo }))
  .mutation(async ({ ctx, input }) => {
    const result = await bindCompany(ctx.deps, ctx.user.id, input);
    if (result.alreadyBound) ctx.response.message = '已绑定该企业';
    return { bindStatus: true, companyInfo: result.companyInfo };
  });
