import { z } from 'zod';
import { publicProcedure } from '../../../edge/trpc.ts';
import { passwordLogin } from '../../../services/identity/mobile/sessions.ts';
import { LOGIN_LIMIT, mobileOperation, password, sessionOutput, username } from './schemas.ts';

/** POST /api/auth/login (spec 002 "工厂用户登录"): a user of the named factory. */
export const factoryLoginProcedure = publicProcedure
  .meta(mobileOperation('POST /api/auth/login', 'Factory user login', { rateLimit: LOGIN_LIMIT }))
  .input(z.object({ factoryId: z.string().trim().min(1, 'factoryId缺失').max(64), username, password }))
  .output(sessionOutput)
  .mutation(async ({ ctx, input }) => ({
    message: '登录成功',
    ...(await passwordLogin(ctx.deps, { ...input, userType: 'factory', ip: ctx.ip })),
  }));
