import { z } from 'zod';
import { authedProcedure } from '../../../edge/trpc.ts';
import { bindDevice } from '../../../services/identity/mobile/devices.ts';
import { deviceId, deviceView, mobileOperation } from './schemas.ts';

/** POST /api/mobile/auth/bind-device (spec 002 §2.1): the device token is shown once. */
export const bindDeviceProcedure = authedProcedure
  .meta(mobileOperation('POST /api/mobile/auth/bind-device', 'Bind a device; returns its device token', { rateLimit: { limit: 10 } }))
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
