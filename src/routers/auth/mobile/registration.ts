import { z } from 'zod';
import { publicProcedure } from '../../../edge/trpc.ts';
import { normalizeMainlandPhone } from '../../../services/identity/phone.ts';
import { registerPhaseOne, registerPhaseTwo } from '../../../services/identity/registration.ts';
import { sendVerificationCode, VERIFICATION_PURPOSES } from '../../../services/identity/verification-codes.ts';
import { departmentInput, newPassword, username } from './schemas.ts';

const phoneNumber = z.string().trim().min(1, 'phoneNumber缺失').max(32).describe('+86 1[3-9]xxxxxxxxx');

/** POST /api/mobile/auth/send-verification (spec 002 §1.2): one per phone per 60 s, 10 per day. */
export const sendVerificationProcedure = publicProcedure
  .meta({
    openapi: { method: 'POST', path: '/api/mobile/auth/send-verification', tags: ['mobile'], summary: 'Send an SMS verification code' },
    family: 'mobile',
    dataShape: 'spread',
    rateLimit: { limit: 20, windowMs: 3600_000 },
  })
  .input(z.object({ phoneNumber, verificationType: z.enum(VERIFICATION_PURPOSES).default('registration') }))
  .output(
    z.object({ message: z.string(), expiresIn: z.number().int().describe('seconds'), resendAfter: z.number().int().describe('seconds') }),
  )
  .mutation(async ({ ctx, input }) => {
    const sent = await sendVerificationCode(ctx.deps, normalizeMainlandPhone(input.phoneNumber), input.verificationType);
    return { message: '验证码已发送', ...sent };
  });

/**
 * POST /api/mobile/auth/register-phase-one (spec 002 §1.3). Beyond the spec's body: the SMS code
 * (`verificationCode`, required) and `factoryId` (needed only when several factories whitelist the phone).
 */
export const registerPhaseOneProcedure = publicProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/mobile/auth/register-phase-one',
      tags: ['mobile'],
      summary: 'Registration step 1: verify phone',
    },
    family: 'mobile',
    dataShape: 'spread',
    rateLimit: { limit: 20 },
  })
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

/** POST /api/mobile/auth/register-phase-two (spec 002 §1.4): creates an `unactivated` account. */
export const registerPhaseTwoProcedure = publicProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/mobile/auth/register-phase-two',
      tags: ['mobile'],
      summary: 'Registration step 2: create the account',
    },
    family: 'mobile',
    dataShape: 'spread',
    successStatus: 201,
    rateLimit: { limit: 20 },
  })
  .input(
    z.object({
      tempToken: z.string().min(1, 'tempToken缺失').max(200),
      username: username.regex(/^[A-Za-z0-9_.-]{3,50}$/, '用户名须为3-50位字母、数字、下划线'),
      password: newPassword,
      fullName: z.string().trim().min(1, '真实姓名不能为空').max(100),
      email: z.string().trim().email().max(200).optional(),
      department: departmentInput,
    }),
  )
  .output(
    z.object({
      message: z.string(),
      user: z.object({ id: z.number().int(), username: z.string(), factoryId: z.string(), status: z.literal('unactivated') }),
    }),
  )
  .mutation(async ({ ctx, input }) => ({ message: '注册成功，请等待管理员激活', user: await registerPhaseTwo(ctx.deps.db, input) }));
