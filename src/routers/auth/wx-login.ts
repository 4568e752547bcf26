import { z } from 'zod';
import { publicProcedure } from '../../edge/trpc.ts';
import { wxLogin } from '../../services/identity/wechat/wx-login.ts';

export const wxLoginInput = z.object({
  code: z.string().trim().min(1, 'code缺失').max(128),
  userInfo: z.object({ nickName: z.string().max(100).optional(), avatarUrl: z.string().max(500).optional() }).optional(),
});
export const wxLoginOutput = z.object({
  token: z.string(),
  userId: z.string(),
  expiresAt: z.number().int().describe('epoch ms'),
});

/** POST /api/auth/wx-login (spec 000) */
export const wxLoginProcedure = publicProcedure
  .meta({
    openapi: { method: 'POST', path: '/api/auth/wx-login', tags: ['mini'], summary: 'WeChat mini-program login' },
    family: 'mini',
    message: '登录成功',
    rateLimit: { limit: 10 },
  })
  .input(wxLoginInput)
  .output(wxLoginOutput)
  .mutation(({ ctx, input }) => wxLogin(ctx.deps, input));
