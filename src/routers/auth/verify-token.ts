import { z } from 'zod';
import { operation } from '../../edge/meta.ts';
import { publicProcedure } from '../../edge/trpc.ts';
import { verifyAccessToken } from '../../services/oauth/token-introspection.ts';

const wireRole = z.enum(['admin', 'merchant', 'customer']);

/** POST /api/v1/auth/verify (spec 004 §1): a bad token answers 200 with `valid:false`. */
export const verifyTokenProcedure = publicProcedure
  .meta(
    operation('bi', 'POST /api/v1/auth/verify', 'Verify an access token (service to service)', {
      dataShape: 'bare',
      rateLimit: { limit: 300 },
    }),
  )
  .input(z.object({ token: z.string().max(4096), required_scope: z.string().max(64).nullish() }))
  .output(
    z.union([
      z.object({
        valid: z.literal(true),
        user_id: z.string(),
        role: wireRole,
        scopes: z.array(z.string()),
        delegated: z.boolean(),
        error: z.null(),
      }),
      z.object({
        valid: z.literal(false),
        error: z.string().describe('`Token expired`, `Invalid token`, `Token blacklisted` or `Insufficient scope`'),
      }),
    ]),
  )
  .mutation(({ ctx, input }) => verifyAccessToken(ctx.deps, input.token, input.required_scope));
