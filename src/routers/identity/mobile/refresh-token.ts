import { z } from 'zod';
import { publicProcedure } from '../../../edge/trpc.ts';
import { refreshMobileSession } from '../../../services/identity/mobile/sessions.ts';
import { deviceId, mobileOperation, refreshOutput } from './schemas.ts';

/** POST /api/mobile/auth/refresh-token (spec 002 §1.5): rotation; reuse revokes the family. */
export const refreshTokenProcedure = publicProcedure
  .meta(mobileOperation('POST /api/mobile/auth/refresh-token', 'Rotate a refresh token', { rateLimit: { limit: 30 } }))
  .input(z.object({ refreshToken: z.string().min(1, 'refreshToken缺失').max(200), deviceId: deviceId.optional() }))
  .output(refreshOutput)
  .mutation(async ({ ctx, input }) => ({ message: 'Token刷新成功', ...(await refreshMobileSession(ctx.deps, input.refreshToken)) }));
