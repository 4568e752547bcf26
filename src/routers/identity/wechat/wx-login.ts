import { z } from 'zod';
import { operation } from '../../../edge/meta.ts';
import { publicProcedure } from '../../../edge/trpc.ts';
import { wxLogin } from '../../../services/identity/wechat/wx-login.ts';

/** POST /api/auth/wx-login (spec 000): code2Session, then a 30-day mini-program token. */
export const wxLoginProcedure = publicProcedure
  .meta(operation('mini', 'POST /api/auth/wx-login', 'WeChat mini-program login', { message: '登录成功', rateLimit: { limit: 10 } }))
  .input(
    z.object({
      code: z.string().trim().min(1, 'code缺失').max(128),
      userInfo: z.object({ nickName: z.string().max(100).optional(), avatarUrl: z.string().max(500).optional() }).optional(),
    }),
  )
  .output(z.object({ token: z.string(), userId: z.string(), expiresAt: z.number().int().describe('epoch ms') }))
  .mutation(({ ctx, input }) => wxLogin(ctx.deps, input));
