import { z } from 'zod';
import { authedProcedure, publicProcedure } from '../../../edge/trpc.ts';
import { bindDevice, deviceLogin, listDevices } from '../../../services/identity/mobile/sessions.ts';
import { deviceId, deviceView, sessionOutput } from './schemas.ts';

/** POST /api/mobile/auth/bind-device (spec 002 §2.1). */
export const bindDeviceProcedure = authedProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/mobile/auth/bind-device',
      tags: ['mobile'],
      summary: 'Bind a device; returns its device token',
      protect: true,
    },
    family: 'mobile',
    dataShape: 'spread',
    rateLimit: { limit: 10 },
  })
  .input(
    z.object({
      deviceId,
      deviceInfo: z
        .object({
          deviceModel: z.string().max(100).optional(),
          platform: z.string().max(32).optional(),
          osVersion: z.string().max(32).optional(),
        })
        .optional(),
    }),
  )
  .output(z.object({ deviceToken: z.string().describe('shown once'), device: deviceView }))
  .mutation(({ ctx, input }) => bindDevice(ctx.deps.db, ctx.user.id, input));

/** POST /api/mobile/auth/device-login (spec 002 §2.2). */
export const deviceLoginProcedure = publicProcedure
  .meta({
    openapi: { method: 'POST', path: '/api/mobile/auth/device-login', tags: ['mobile'], summary: 'Sign in with a device token' },
    family: 'mobile',
    dataShape: 'spread',
    rateLimit: { limit: 20 },
  })
  .input(z.object({ deviceId, deviceToken: z.string().min(1, 'deviceToken缺失').max(200) }))
  .output(sessionOutput)
  .mutation(async ({ ctx, input }) => ({ message: '设备登录成功', ...(await deviceLogin(ctx.deps, input)) }));

/** GET /api/mobile/auth/devices (spec 002 §2.3). */
export const devicesProcedure = authedProcedure
  .meta({
    openapi: { method: 'GET', path: '/api/mobile/auth/devices', tags: ['mobile'], summary: "The caller's bound devices", protect: true },
    family: 'mobile',
    dataShape: 'spread',
  })
  .input(z.void())
  .output(z.object({ devices: z.array(deviceView) }))
  .query(async ({ ctx }) => ({ devices: await listDevices(ctx.deps.db, ctx.user.id) }));
