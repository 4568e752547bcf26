import { z } from 'zod';
import { publicProcedure } from '../../../edge/trpc.ts';
import { registerPhaseTwo } from '../../../services/identity/mobile/registration.ts';
import { departmentInput, mobileOperation, newPassword, username } from './schemas.ts';

/** POST /api/mobile/auth/register-phase-two (spec 002 §1.4): creates an `unactivated` account. */
export const registerPhaseTwoProcedure = publicProcedure
  .meta(
    mobileOperation('POST /api/mobile/auth/register-phase-two', 'Registration step 2: create the account', {
      successStatus: 201,
      rateLimit: { limit: 20 },
    }),
  )
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
