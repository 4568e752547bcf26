import { z } from 'zod';
import { authedProcedure } from '../../../edge/trpc.ts';
import { changePassword } from '../../../services/identity/mobile/change-password.ts';
import { messageOutput, mobileOperation, newPassword } from './schemas.ts';

/** PUT /api/auth/password (spec 002 "修改密码"): ends every session of the user. */
export const changePasswordProcedure = authedProcedure
  .meta(mobileOperation('PUT /api/auth/password', "Change the caller's password", { rateLimit: { limit: 10 } }))
  .input(z.object({ oldPassword: z.string().min(1).max(200), newPassword }))
  .output(messageOutput)
  .mutation(async ({ ctx, input }) => {
    await changePassword(ctx.deps.db, ctx.user, { ...input, ip: ctx.ip });
    return { message: '密码修改成功' };
  });
