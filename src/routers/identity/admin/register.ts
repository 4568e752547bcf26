import { z } from 'zod';
import { operation } from '../../../edge/meta.ts';
import { publicProcedure } from '../../../edge/trpc.ts';
import { registerUser } from '../../../services/identity/admin/session.ts';
import { adminUser, email, password, username } from '../../tenants/users/schemas.ts';

/** POST /api/register (spec 001): an `unactivated` account until an admin activates it. */
export const registerProcedure = publicProcedure
  .meta(
    operation('admin', 'POST /api/register', 'Self-registration (unactivated until activated)', {
      message: '注册成功',
      successStatus: 201,
      rateLimit: { limit: 10 },
    }),
  )
  .input(
    z.object({
      username,
      email,
      password,
      name: z.string().trim().min(1).max(64).optional(),
      factory_id: z.string().trim().min(1).max(64).optional().describe('Extension: the factory to join once activated'),
    }),
  )
  .output(z.object({ user: adminUser }))
  .mutation(async ({ ctx, input }) => ({ user: await registerUser(ctx.deps, input) }));
