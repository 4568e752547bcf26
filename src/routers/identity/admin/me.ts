import { z } from 'zod';
import { operation } from '../../../edge/meta.ts';
import { authedProcedure } from '../../../edge/trpc.ts';
import { currentUser } from '../../../services/identity/admin/session.ts';
import { adminUser } from '../../tenants/users/schemas.ts';

/** GET /api/users/me (spec 001): the caller with role labels and department names. */
export const meProcedure = authedProcedure
  .meta(operation('admin', 'GET /api/users/me', 'The caller with roles and departments', { message: '获取成功' }))
  .input(z.void())
  .output(adminUser.extend({ roles: z.array(z.string()), departments: z.array(z.string()) }))
  .query(({ ctx }) => currentUser(ctx.deps.db, ctx.user.id));
