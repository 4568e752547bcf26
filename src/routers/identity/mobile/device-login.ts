import { z } from 'zod';
import { publicProcedure } from '../../../edge/trpc.ts';
import { deviceLogin } from '../../../services/identity/mobile/devices.ts';
import { deviceId, LOGIN_LIMIT, mobileOperation, sessionOutput } from './schemas.ts';

/** POST /api/mobile/auth/device-login (spec 002 §2.2): a bound device signs in with its device token. */
export const deviceLoginProcedure = publicProcedure
  .meta(mobileOperation('POST /api/mobile/auth/device-login', 'Sign in with a device token', { rateLimit: LOGIN_LIMIT }))
  .input(z.object({ deviceId, deviceToken: z.string().min(1, 'deviceToken缺失').max(200) }))
  .output(sessionOutput)
  .mutation(async ({ ctx, input }) => ({ message: '设备登录成功', ...(await deviceLogin(ctx.deps, input)) }));
