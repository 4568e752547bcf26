import { z } from 'zod';
import { authedProcedure } from '../../../edge/trpc.ts';
import { logoutMobile } from '../../../services/identity/mobile/sessions.ts';
import { messageOutput, mobileOperation } from './schemas.ts';

/** POST /api/mobile/auth/logout (spec 002 §1.6): revokes this access token and the refresh family. */
export const logoutProcedure = authedProcedure
  .meta(mobileOperation('POST /api/mobile/auth/logout', 'Log out'))
  .input(z.object({ refreshToken: z.string().max(200).optional().describe('its family is revoked; all mobile families when absent') }))
  .output(messageOutput)
  .mutation(async ({ ctx, input }) => {
    await logoutMobile(ctx.deps.db, ctx.user, input.refreshToken);
    return { message: '登出成功' };
  });
