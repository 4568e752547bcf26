import { z } from 'zod';
import { operation } from '../../../edge/meta.ts';
import { factoryProcedure } from '../../../edge/trpc.ts';
import { FACTORY_ROLES, PERMISSIONS } from '../../../services/identity/permissions.ts';
import { activateUser } from '../../../services/tenants/user-activation.ts';
import { departmentInput } from '../../identity/mobile/schemas.ts';
import { activationAccess, userId } from './schemas.ts';

/** PUT /api/users/{id}/activate (spec 002 §3.3): a role no higher than the caller's own. */
export const activateUserProcedure = factoryProcedure
  .meta(operation('mobile', 'PUT /api/users/{id}/activate', 'Activate an account with a role', activationAccess))
  .input(
    z.object({
      id: userId,
      roleCode: z.enum(FACTORY_ROLES.filter((r) => r !== 'unactivated') as [string, ...string[]]),
      roleLevel: z.union([z.number(), z.string()]).optional().describe('accepted for spec 002 compatibility; the role decides the level'),
      department: departmentInput,
      position: z.string().trim().max(100).optional(),
      permissions: z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length).optional().describe('extra grants, each held by the caller'),
    }),
  )
  .output(
    z.object({
      message: z.string(),
      user: z.object({ id: z.number().int(), username: z.string().nullable(), role: z.string(), permissions: z.array(z.string()) }),
    }),
  )
  .mutation(async ({ ctx, input }) => ({ message: '用户激活成功', user: await activateUser(ctx.deps.db, ctx.user, input.id, input) }));
