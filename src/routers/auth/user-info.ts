import { z } from 'zod';
import { authedProcedure } from '../../edge/trpc.ts';
import { userInfo } from '../../services/oauth/token-introspection.ts';

/** GET /api/v1/users/me (spec 004 §5): the signed-in user, bare. */
export const userInfoProcedure = authedProcedure
  .meta({
    openapi: { method: 'GET', path: '/api/v1/users/me', tags: ['bi'], summary: 'The signed-in user (BI CLI)', protect: true },
    family: 'bi',
    dataShape: 'bare',
    rateLimit: { limit: 60 },
  })
  .input(z.void())
  .output(
    z.object({
      id: z.string(),
      email: z.string().nullable(),
      name: z.string().nullable(),
      role: z.enum(['admin', 'merchant', 'customer']),
      is_active: z.boolean(),
      created_at: z.string().describe('ISO 8601'),
    }),
  )
  .query(({ ctx }) => userInfo(ctx.deps.db, ctx.user.id));
