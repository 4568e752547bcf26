import { z } from 'zod';
import { publicProcedure } from '../../../edge/trpc.ts';
import { sendVerificationCode, VERIFICATION_PURPOSES } from '../../../services/identity/mobile/verification-codes.ts';
import { normalizeMainlandPhone } from '../../../services/identity/phone.ts';
import { mobileOperation, phoneNumber } from './schemas.ts';

/** POST /api/mobile/auth/send-verification (spec 002 §1.2): one per phone per 60 s, 10 per day. */
export const sendVerificationProcedure = publicProcedure
  .meta(
    mobileOperation('POST /api/mobile/auth/send-verification', 'Send an SMS verification code', {
      rateLimit: { limit: 20, windowMs: 3600_000 },
    }),
  )
  .input(z.object({ phoneNumber, verificationType: z.enum(VERIFICATION_PURPOSES).default('registration') }))
  .output(
    z.object({ message: z.string(), expiresIn: z.number().int().describe('seconds'), resendAfter: z.number().int().describe('seconds') }),
  )
  .mutation(async ({ ctx, input }) => {
    const sent = await sendVerificationCode(ctx.deps, normalizeMainlandPhone(input.phoneNumber), input.verificationType);
    return { message: '验证码已发送', ...sent };
  });
