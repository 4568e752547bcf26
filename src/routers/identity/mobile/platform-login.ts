import { z } from 'zod';
import { publicProcedure } from '../../../edge/trpc.ts';
import { passwordLogin } from '../../../services/identity/mobile/sessions.ts';
import { LOGIN_LIMIT, mobileOperation, password, sessionOutput, username } from './schemas.ts';

/** POST /api/auth/platform-login (spec 002 "平台管理员登录"). */
export const platformLoginProcedure = publicProcedure
  .meta(mobileOperation('POST /api/auth/platform-login', 'Platform administrator login', { rateLimit: LOGIN_LIMIT }))
  .input(z.object({ username, password }))
  .output(sessionOutput)
  .mutation(async ({ ctx, input }) => ({
    message: '登录成功',
    ...(await passwordLogin(ctx.deps, { ...input, userType: 'platform', ip: ctx.ip })),
  }));
