import { z } from 'zod';
import { publicProcedure } from '../../../edge/trpc.ts';
import { activateApp } from '../../../services/identity/mobile/app-activation.ts';
import { activationCode, deviceId, mobileOperation } from './schemas.ts';

/** POST /api/mobile/activation/activate (spec 002 §3.1): re-activating the same device is idempotent. */
export const activationActivateProcedure = publicProcedure
  .meta(mobileOperation('POST /api/mobile/activation/activate', 'Activate the app with a code', { rateLimit: { limit: 10 } }))
  .input(z.object({ activationCode, deviceInfo: z.object({ deviceId, deviceModel: z.string().max(100).optional() }) }))
  .output(
    z.object({
      message: z.string(),
      activated: z.literal(true),
      deviceId: z.string(),
      activatedAt: z.number().int().describe('epoch ms'),
      expiresAt: z.number().int().nullable().describe("the code's expiry, epoch ms"),
    }),
  )
  .mutation(async ({ ctx, input }) => {
    const r = await activateApp(ctx.deps.db, { code: input.activationCode, ...input.deviceInfo });
    return {
      message: r.alreadyActivated ? '设备已激活' : '激活成功',
      activated: true as const,
      deviceId: input.deviceInfo.deviceId,
      activatedAt: r.activatedAt,
      expiresAt: r.expiresAt,
    };
  });
