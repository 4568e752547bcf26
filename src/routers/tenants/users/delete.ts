import { z } from 'zod';
import { operation } from '../../../edge/meta.ts';
import { factoryProcedure } from '../../../edge/trpc.ts';
import { deleteFactoryUser } from '../../../services/tenants/factory-users.ts';
import { userId } from './schemas.ts';

/** DELETE /api/users/{user_id} (spec 001): `{success, message:"用户删除成功"}`. */
export const deleteUserProcedure = factoryProcedure
  .meta(
    operation('admin', 'DELETE /api/users/{user_id}', 'Delete a user of the factory', {
      message: '用户删除成功',
      permission: 'user_delete',
    }),
  )
  .input(userId)
  .output(z.void())
  .mutation(({ ctx, input }) => deleteFactoryUser(ctx.deps.db, ctx.user, input.user_id));
