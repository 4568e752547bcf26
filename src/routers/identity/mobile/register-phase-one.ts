import { z } from 'zod';
import { publicProcedure } from '../../../edge/trpc.ts';
import { registerPhaseOne } from '../../../services/identity/mobile/registration.ts';
import { normalizeMainlandPhone } from '../../../services/identity/phone.ts';
import { mobileOperation, phoneNumber } from './schemas.ts';

/**
 * POST /api/mobile/auth/register-phase-one (spec 002 §1.3). Beyond the spec's body: the SMS code
 * (`verificationCode`, required) and `factoryId` (needed only when several factories whitelist the phone).
 */
export const registerPhaseOneProcedure = publicProcedure
  .meta(mobileOperation('POST /api/mobile/auth/register-phase-one', 'Registration step 1: verify phone', { rateLimit: { limit: 20 } }))
  .input(
    z.object({
      phoneNumber,
      verificationType: z.literal('registration').default('registration'),
      verificationCode: z
        .string()
        .regex(/^\d{6}$/, '验证码须为6位数字')
        .meta({ example: '246810' }),
      factoryId: z.string().trim().min(1).max(64).optional(),
    }),
  )
  .output(z.object({ tempToken: z.string(), factoryId: z.string(), expiresIn: z.number().int().describe('seconds'), message: z.string() }))
  .mutation(async ({ ctx, input }) => {
    const r = await registerPhaseOne(ctx.deps, {
      phone: normalizeMainlandPhone(input.phoneNumber),
      code: input.verificationCode,
      factoryId: input.factoryId,
    });
    return { ...r, message: '手机验证成功' };
  });
