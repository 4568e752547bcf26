import { z } from 'zod';
import { publicProcedure } from '../../../edge/trpc.ts';
import { passwordLogin } from '../../../services/identity/mobile/sessions.ts';
import { deviceInfo, password, sessionOutput, username } from './schemas.ts';

/**
 * POST /api/mobile/auth/unified-login (spec 002 §1.1): platform and factory users alike. Beside
 * spec 002's fields, what the Cretas app reads: `message`, `tokens`, `user.roleCode` and the
 * department code with its display name. A failure carries neither `user` nor `tokens`.
 */
export const unifiedLoginProcedure = publicProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/mobile/auth/unified-login',
      tags: ['mobile'],
      summary: 'Password login (platform or factory user)',
    },
    family: 'mobile',
    dataShape: 'spread',
    rateLimit: { limit: 20 },
  })
  .input(z.object({ username, password, deviceInfo: deviceInfo.optional() }))
  .output(sessionOutput)
  .mutation(async ({ ctx, input }) => ({
    message: '登录成功',
    ...(await passwordLogin(ctx.deps, {
      username: input.username,
      password: input.password,
      ip: ctx.ip,
      deviceId: input.deviceInfo?.deviceId,
    })),
  }));

/** POST /api/auth/login (spec 002 "工厂用户登录"): a user of the named factory. */
export const factoryLoginProcedure = publicProcedure
  .meta({
    openapi: { method: 'POST', path: '/api/auth/login', tags: ['mobile'], summary: 'Factory user login' },
    family: 'mobile',
    dataShape: 'spread',
    rateLimit: { limit: 20 },
  })
  .input(z.object({ factoryId: z.string().trim().min(1, 'factoryId缺失').max(64), username, password }))
  .output(sessionOutput)
  .mutation(async ({ ctx, input }) => ({
    message: '登录成功',
    ...(await passwordLogin(ctx.deps, { ...input, userType: 'factory', ip: ctx.ip })),
  }));

/** POST /api/auth/platform-login (spec 002 "平台管理员登录"). */
export const platformLoginProcedure = publicProcedure
  .meta({
    openapi: { method: 'POST', path: '/api/auth/platform-login', tags: ['mobile'], summary: 'Platform administrator login' },
    family: 'mobile',
    dataShape: 'spread',
    rateLimit: { limit: 20 },
  })
  .input(z.object({ username, password }))
  .output(sessionOutput)
  .mutation(async ({ ctx, input }) => ({
    message: '登录成功',
    ...(await passwordLogin(ctx.deps, { ...input, userType: 'platform', ip: ctx.ip })),
  }));
