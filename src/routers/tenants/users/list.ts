import { z } from 'zod';
import { operation } from '../../../edge/meta.ts';
import { factoryProcedure } from '../../../edge/trpc.ts';
import { listFactoryUsers } from '../../../services/tenants/factory-users.ts';
import { adminUser } from './schemas.ts';

/** GET /api/users (spec 001/002): the caller's factory's users, a bare array. */
export const listUsersProcedure = factoryProcedure
  .meta(operation('admin', 'GET /api/users', "The factory's users", { dataShape: 'bare', permission: 'user_read' }))
  .input(z.void())
  .output(z.array(adminUser))
  .query(({ ctx }) => listFactoryUsers(ctx.deps.db, ctx.user.factoryId));
