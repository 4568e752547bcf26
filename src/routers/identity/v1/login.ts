import { z } from 'zod';
import { operation } from '../../../edge/meta.ts';
import { publicProcedure } from '../../../edge/trpc.ts';
import { v1Login } from '../../../services/identity/v1/login.ts';
import { AUTH_TIER, tokenAnswer } from './schemas.ts';

/** POST /v1/auth/login (spec 003 §2.3): the body is exactly `{token, expiresIn, tokenType}`. */
export const loginProcedure = publicProcedure
  .meta(operation('v1', 'POST /v1/auth/login', 'Password login (factory users)', { dataShape: 'bare', rateLimit: AUTH_TIER }))
  .input(
    z.object({
      username: z.string().trim().min(1, 'Username is required').max(200),
      password: z.string().min(1, 'Password is required').max(200),
    }),
  )
  .output(tokenAnswer)
  .mutation(({ ctx, input }) => v1Login(ctx.deps, { ...input, ip: ctx.ip }));
