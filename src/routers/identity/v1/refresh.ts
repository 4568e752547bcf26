import { z } from 'zod';
import { operation } from '../../../edge/meta.ts';
import { authedProcedure } from '../../../edge/trpc.ts';
import { v1Refresh } from '../../../services/identity/v1/login.ts';
import { AUTH_TIER, tokenAnswer } from './schemas.ts';

/** POST /v1/auth/refresh (spec 003 §2.5): a new token for the bearer; the old one is revoked. */
export const refreshProcedure = authedProcedure
  .meta(operation('v1', 'POST /v1/auth/refresh', 'Exchange a valid token for a new one', { dataShape: 'bare', rateLimit: AUTH_TIER }))
  .input(z.object({}))
  .output(tokenAnswer)
  .mutation(({ ctx }) => v1Refresh(ctx.deps, ctx.user));
