import { z } from 'zod';
import { authedProcedure, publicProcedure, router } from '../../edge/trpc.ts';
import { v1Login, v1Refresh } from '../../services/identity/v1/login.ts';

/** spec 003 §6: the auth tier, 20 calls a minute. */
const AUTH_TIER = { limit: 20, bucket: 'v1-auth' };

const tokenAnswer = z.object({
  token: z.string(),
  expiresIn: z.number().int().describe('seconds'),
  tokenType: z.literal('Bearer'),
});

/** POST /v1/auth/login (spec 003 §2.3): the body is exactly `{token, expiresIn, tokenType}`. */
export const v1LoginProcedure = publicProcedure
  .meta({
    openapi: { method: 'POST', path: '/v1/auth/login', tags: ['v1'], summary: 'Password login (factory users)' },
    family: 'v1',
    dataShape: 'bare',
    rateLimit: AUTH_TIER,
  })
  .input(
    z.object({
      username: z.string().trim().min(1, 'Username is required').max(200),
      password: z.string().min(1, 'Password is required').max(200),
    }),
  )
  .output(tokenAnswer)
  .mutation(({ ctx, input }) => v1Login(ctx.deps, { ...input, ip: ctx.ip }));

/** POST /v1/auth/refresh (spec 003 §2.5): a new token for the bearer; the old one is revoked. */
export const v1RefreshProcedure = authedProcedure
  .meta({
    openapi: { method: 'POST', path: '/v1/auth/refresh', tags: ['v1'], summary: 'Exchange a valid token for a new one', protect: true },
    family: 'v1',
    dataShape: 'bare',
    rateLimit: AUTH_TIER,
  })
  .input(z.object({}))
  .output(tokenAnswer)
  .mutation(({ ctx }) => v1Refresh(ctx.deps, ctx.user));

export const v1AuthRouter = router({
  login: v1LoginProcedure,
  refresh: v1RefreshProcedure,
});
