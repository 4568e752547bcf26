import { operation } from '../../../edge/meta.ts';
import { publicProcedure } from '../../../edge/trpc.ts';
import { verifyAccessToken } from '../../../services/identity/oauth/token-introspection.ts';
import { verifyTokenInput, verifyTokenOutput } from './verify-token.types.ts';

/** POST /api/v1/auth/verify (spec 004 §1): a bad token answers 200 with `valid:false`. */
export const verifyTokenProcedure = publicProcedure
  .meta(
    operation('bi', 'POST /api/v1/auth/verify', 'Verify an access token (service to service)', {
      dataShape: 'bare',
      rateLimit: { limit: 300 },
    }),
  )
  .input(verifyTokenInput)
  .output(verifyTokenOutput)
  .mutation(({ ctx, input }) => verifyAccessToken(ctx.deps, input.token, input.required_scope));
