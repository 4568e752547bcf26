import { z } from 'zod';
import { authedProcedure, publicProcedure } from '../../../edge/trpc.ts';
import { changePassword, logoutMobile, mobileProfile, refreshMobileSession } from '../../../services/identity/mobile/sessions.ts';
import { deviceId, messageOutput, newPassword, refreshOutput, sessionUser } from './schemas.ts';

/** POST /api/mobile/auth/refresh-token (spec 002 §1.5): rotation; reuse revokes the family. */
export const refreshTokenProcedure = publicProcedure
  .meta({
    openapi: { method: 'POST', path: '/api/mobile/auth/refresh-token', tags: ['mobile'], summary: 'Rotate a refresh token' },
    family: 'mobile',
    dataShape: 'spread',
    rateLimit: { limit: 30 },
  })
  .input(z.object({ refreshToken: z.string().min(1, 'refreshToken缺失').max(200), deviceId: deviceId.optional() }))
  .output(refreshOutput)
  .mutation(async ({ ctx, input }) => ({ message: 'Token刷新成功', ...(await refreshMobileSession(ctx.deps, input.refreshToken)) }));

/** POST /api/mobile/auth/logout (spec 002 §1.6): revokes this access token and the refresh family. */
export const logoutProcedure = authedProcedure
  .meta({
    openapi: { method: 'POST', path: '/api/mobile/auth/logout', tags: ['mobile'], summary: 'Log out', protect: true },
    family: 'mobile',
    dataShape: 'spread',
  })
  .input(z.object({ refreshToken: z.string().max(200).optional().describe('its family is revoked; all mobile families when absent') }))
  .output(messageOutput)
  .mutation(async ({ ctx, input }) => {
    await logoutMobile(ctx.deps.db, ctx.user, input.refreshToken);
    return { message: '登出成功' };
  });

/** GET /api/mobile/auth/profile (spec 002 §1.7). */
export const mobileProfileProcedure = authedProcedure
  .meta({
    openapi: { method: 'GET', path: '/api/mobile/auth/profile', tags: ['mobile'], summary: "The caller's profile", protect: true },
    family: 'mobile',
    dataShape: 'spread',
  })
  .input(z.void())
  .output(
    z.object({
      user: sessionUser.extend({
        email: z.string().nullable(),
        phone: z.string().nullable(),
        position: z.string().nullable(),
        lastLoginAt: z.number().int().nullable().describe('epoch ms'),
        createdAt: z.number().int().describe('epoch ms'),
      }),
    }),
  )
  .query(async ({ ctx }) => ({ user: await mobileProfile(ctx.deps.db, ctx.user.id) }));

/** PUT /api/auth/password (spec 002 "修改密码"). */
export const changePasswordProcedure = authedProcedure
  .meta({
    openapi: { method: 'PUT', path: '/api/auth/password', tags: ['mobile'], summary: "Change the caller's password", protect: true },
    family: 'mobile',
    dataShape: 'spread',
    rateLimit: { limit: 10 },
  })
  .input(z.object({ oldPassword: z.string().min(1).max(200), newPassword }))
  .output(messageOutput)
  .mutation(async ({ ctx, input }) => {
    await changePassword(ctx.deps.db, ctx.user, { ...input, ip: ctx.ip });
    return { message: '密码修改成功' };
  });
