import { z } from 'zod';
import { operation } from '../../../edge/meta.ts';
import { authedProcedure } from '../../../edge/trpc.ts';
import { adminLogout } from '../../../services/identity/admin/session.ts';

/**
 * POST /api/logout (spec 001): revokes the presented access token, and the refresh family of
 * `refresh_token` (every back-office family of the caller when absent).
 */
export const logoutProcedure = authedProcedure
  .meta(operation('admin', 'POST /api/logout', 'Revoke the current access token and refresh tokens', { message: '登出成功' }))
  .input(
    z
      .object({ refresh_token: z.string().max(200).optional().describe('its family is revoked; all back-office families when absent') })
      .optional(),
  )
  .output(z.void())
  .mutation(async ({ ctx, input }) => {
    await adminLogout(ctx.deps.db, ctx.user, input?.refresh_token);
  });
