import { z } from 'zod';
import { operation } from '../../../edge/meta.ts';
import { wechatProcedure } from '../../../edge/trpc.ts';
import { findBinding } from '../../../services/identity/wechat/company-binding.ts';

/** GET /api/user/profile (spec 000): the caller's company binding and session expiry. */
export const profileProcedure = wechatProcedure
  .meta(operation('mini', 'GET /api/user/profile', "The caller's company binding", { message: '查询成功', rateLimit: { limit: 30 } }))
  .input(z.void())
  .output(
    z.object({
      erpBinding: z.object({
        companyId: z.string().nullable(),
        companyName: z.string().nullable(),
        customerId: z.string().nullable(),
        boundAt: z.number().int().nullable().describe('epoch ms'),
      }),
      sessionExpiresAt: z.number().int().describe('epoch ms'),
    }),
  )
  .query(async ({ ctx }) => {
    const b = await findBinding(ctx.deps.db, ctx.user.id);
    return {
      erpBinding: {
        companyId: b?.company_id ?? null,
        companyName: b?.company_name ?? null,
        customerId: b?.customer_id ?? null,
        boundAt: b?.bound_at ?? null,
      },
      sessionExpiresAt: ctx.user.tokenExpiresAt,
    };
  });
