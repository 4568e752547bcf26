import { z } from 'zod';
import { operation } from '../../../edge/meta.ts';
import { authedProcedure } from '../../../edge/trpc.ts';
import { userInfo } from '../../../services/identity/oauth/token-introspection.ts';
import { userInfoOutput } from './user-info.types.ts';

/** GET /api/v1/users/me (spec 004 §5): the signed-in user, bare; `merchant_id` for merchants (the BI CLI's whoami). */
export const userInfoProcedure = authedProcedure
  .meta(operation('bi', 'GET /api/v1/users/me', 'The signed-in user (BI CLI)', { dataShape: 'bare', rateLimit: { limit: 60 } }))
  .input(z.void())
  .output(userInfoOutput)
  .query(({ ctx }) => userInfo(ctx.deps.db, ctx.user.id));
