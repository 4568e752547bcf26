import { z } from 'zod';
import { operation } from '../../../edge/meta.ts';
import { publicProcedure } from '../../../edge/trpc.ts';
import { adminLogin } from '../../../services/identity/admin/session.ts';
import { adminUser } from '../../tenants/users/schemas.ts';
import { accessToken, expiresIn, refreshToken } from './schemas.ts';

/** POST /api/login (spec 001); `refresh_token` and `expires_in` beside spec 001's `token` and `user`. */
export const loginProcedure = publicProcedure
  .meta(
    operation('admin', 'POST /api/login', 'Back-office login with username and password', {
      message: '登录成功',
      rateLimit: { limit: 20 },
    }),
  )
  .input(z.object({ username: z.string().trim().min(1).max(120), password: z.string().min(1).max(128) }))
  .output(z.object({ token: accessToken, refresh_token: refreshToken, expires_in: expiresIn, user: adminUser }))
  .mutation(({ ctx, input }) => adminLogin(ctx.deps, { ...input, ip: ctx.ip }));
