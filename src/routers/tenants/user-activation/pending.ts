import { z } from 'zod';
import { operation } from '../../../edge/meta.ts';
import { factoryProcedure } from '../../../edge/trpc.ts';
import { listPendingUsers } from '../../../services/tenants/user-activation.ts';
import { departmentFields } from '../../identity/mobile/schemas.ts';
import { activationAccess } from './schemas.ts';

const pendingUser = z.object({
  id: z.number().int(),
  username: z.string().nullable(),
  fullName: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  ...departmentFields,
  createdAt: z.number().int().describe('epoch ms'),
});

/** GET /api/users/pending (spec 002 §3.2). */
export const pendingUsersProcedure = factoryProcedure
  .meta(operation('mobile', 'GET /api/users/pending', 'Accounts waiting for activation', activationAccess))
  .input(z.void())
  .output(z.object({ users: z.array(pendingUser) }))
  .query(async ({ ctx }) => ({ users: await listPendingUsers(ctx.deps.db, ctx.user.factoryId) }));
