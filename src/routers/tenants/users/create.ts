import { operation } from '../../../edge/meta.ts';
import { factoryProcedure } from '../../../edge/trpc.ts';
import { createFactoryUser } from '../../../services/tenants/factory-users.ts';
import { adminUser, email, username, userWrite } from './schemas.ts';

/** POST /api/users (spec 001) */
export const createUserProcedure = factoryProcedure
  .meta(
    operation('admin', 'POST /api/users', 'Create a user in the factory', {
      message: '用户创建成功',
      successStatus: 201,
      permission: 'user_create',
    }),
  )
  .input(userWrite.extend({ username, email }))
  .output(adminUser)
  .mutation(({ ctx, input }) => createFactoryUser(ctx.deps.db, ctx.user, input));
