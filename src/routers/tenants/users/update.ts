import { operation } from '../../../edge/meta.ts';
import { factoryProcedure } from '../../../edge/trpc.ts';
import { updateFactoryUser } from '../../../services/tenants/factory-users.ts';
import { adminUser, userId, userWrite } from './schemas.ts';

/** PUT /api/users/{user_id} (spec 001/002) */
export const updateUserProcedure = factoryProcedure
  .meta(
    operation('admin', 'PUT /api/users/{user_id}', 'Update a user of the factory', { message: '用户更新成功', permission: 'user_update' }),
  )
  .input(userId.extend(userWrite.shape))
  .output(adminUser)
  .mutation(({ ctx, input: { user_id, ...patch } }) => updateFactoryUser(ctx.deps.db, ctx.user, user_id, patch));
