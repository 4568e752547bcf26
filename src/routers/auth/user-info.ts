import { z } from 'zod';
import { authedProcedure } from '../../edge/trpc.ts';
import { userInfo } from '../../services/oauth/token-introspection.ts';

/** GET /api/v1/users/me (spec 004 §5): the signed-in user, bare; `merchant_id` for merchants (the BI CLI's whoami). */
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
      id: z.string().meta({ example: '42' }),
      email: z.string().nullable().meta({ example: 'merchant@example.com' }),
      name: z.string().nullable().meta({ example: 'John Doe' }),
      role: z.enum(['admin', 'merchant', 'customer']).meta({ example: 'merchant' }),
      is_active: z.boolean().meta({ example: true }),
      created_at: z.string().describe('ISO 8601').meta({ format: 'date-time', example: '2024-01-15T10:30:00.000Z' }),
      merchant_id: z.string().optional().describe('merchants only: their merchant (factory) id').meta({ example: 'TEST_2024_001' }),
    }),
  )
  .query(({ ctx }) => userInfo(ctx.deps.db, ctx.user.id));
