import { z } from 'zod';
import { operation } from '../../../edge/meta.ts';
import { factoryProcedure } from '../../../edge/trpc.ts';
import { resetUserPassword } from '../../../services/tenants/user-activation.ts';
import { newPassword } from '../../identity/mobile/schemas.ts';
import { activationAccess, userId } from './schemas.ts';

/** PUT /api/users/{id}/reset-password (spec 002 §3.5). */
export const resetPasswordProcedure = factoryProcedure
  .meta(
    operation('mobile', 'PUT /api/users/{id}/reset-password', "Reset a user's password", { ...activationAccess, rateLimit: { limit: 20 } }),
  )
  .input(z.object({ id: userId, newPassword: newPassword.optional().describe('a random one is generated and returned when absent') }))
  .output(z.object({ message: z.string(), temporaryPassword: z.string().optional().describe('shown once') }))
  .mutation(async ({ ctx, input }) => ({
    message: '密码重置成功',
    ...(await resetUserPassword(ctx.deps.db, ctx.user, input.id, input.newPassword)),
  }));
