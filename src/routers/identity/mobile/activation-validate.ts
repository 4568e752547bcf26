import { z } from 'zod';
import { publicProcedure } from '../../../edge/trpc.ts';
import { validateActivation } from '../../../services/identity/mobile/app-activation.ts';
import { activationCode, deviceId, mobileOperation } from './schemas.ts';

/** POST /api/mobile/activation/validate (spec 002 §3.2): whether the device's activation still holds. */
export const activationValidateProcedure = publicProcedure
  .meta(mobileOperation('POST /api/mobile/activation/validate', "A device's activation status", { rateLimit: { limit: 30 } }))
  .input(z.object({ activationCode, deviceId }))
  .output(z.object({ valid: z.boolean(), activatedAt: z.number().int().nullable().describe('epoch ms') }))
  .mutation(({ ctx, input }) => validateActivation(ctx.deps.db, { code: input.activationCode, deviceId: input.deviceId }));
