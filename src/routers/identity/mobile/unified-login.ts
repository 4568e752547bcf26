import { z } from 'zod';
import { publicProcedure } from '../../../edge/trpc.ts';
import { passwordLogin } from '../../../services/identity/mobile/sessions.ts';
import { deviceInfo, LOGIN_LIMIT, mobileOperation, password, sessionOutput, username } from './schemas.ts';

/**
 * POST /api/mobile/auth/unified-login (spec 002 §1.1): platform and factory users alike. Beside
 * spec 002's fields, what the Cretas app reads: `message`, `tokens`, `user.roleCode` and the
 * department code with its display name. A failure carries neither `user` nor `tokens`.
 */
export const unifiedLoginProcedure = publicProcedure
  .meta(mobileOperation('POST /api/mobile/auth/unified-login', 'Password login (platform or factory user)', { rateLimit: LOGIN_LIMIT }))
  .input(z.object({ username, password, deviceInfo: deviceInfo.optional() }))
  .output(sessionOutput)
  .mutation(async ({ ctx, input }) => {
    const login = { username: input.username, password: input.password, ip: ctx.ip, deviceId: input.deviceInfo?.deviceId };
    return { message: '登录成功', ...(await passwordLogin(ctx.deps, login)) };
  });
