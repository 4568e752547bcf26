import { z } from 'zod';
import { operation } from '../../../edge/meta.ts';
import { publicProcedure } from '../../../edge/trpc.ts';
import { refreshAdminSession } from '../../../services/identity/admin/session.ts';
import { accessToken, expiresIn, refreshToken } from './schemas.ts';

/**
 * POST /api/refresh-token (the later back office of spec 001, REAL-CLIENTS.md): rotates the
 * refresh token of /api/login; the client reads `data.token`.
 */
export const refreshTokenProcedure = publicProcedure
  .meta(
    operation('admin', 'POST /api/refresh-token', 'Rotate a back-office refresh token', {
      message: 'Token刷新成功',
      rateLimit: { limit: 30 },
      errors: ['UNAUTHENTICATED'],
    }),
  )
  .input(z.object({ refresh_token: z.string().min(1, 'refresh_token缺失').max(200).meta({ example: 'q3Jx…base64url' }) }))
  .output(z.object({ token: accessToken, refresh_token: refreshToken, expires_in: expiresIn }))
  .mutation(({ ctx, input }) => refreshAdminSession(ctx.deps, input.refresh_token));
