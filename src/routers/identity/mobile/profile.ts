import { z } from 'zod';
import { authedProcedure } from '../../../edge/trpc.ts';
import { mobileProfile } from '../../../services/identity/mobile/sessions.ts';
import { mobileOperation, sessionUser } from './schemas.ts';

/** GET /api/mobile/auth/profile (spec 002 §1.7): the session user with contact details. */
export const profileProcedure = authedProcedure
  .meta(mobileOperation('GET /api/mobile/auth/profile', "The caller's profile"))
  .input(z.void())
  .output(
    z.object({
      user: sessionUser.extend({
        email: z.string().nullable(),
        phone: z.string().nullable(),
        position: z.string().nullable(),
        lastLoginAt: z.number().int().nullable().describe('epoch ms'),
        createdAt: z.number().int().describe('epoch ms'),
      }),
    }),
  )
  .query(async ({ ctx }) => ({ user: await mobileProfile(ctx.deps.db, ctx.user.id) }));
