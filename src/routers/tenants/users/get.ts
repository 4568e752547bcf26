import { operation } from '../../../edge/meta.ts';
import { factoryProcedure } from '../../../edge/trpc.ts';
import { getFactoryUser } from '../../../services/tenants/factory-users.ts';
import { adminUser, userId } from './schemas.ts';

/** GET /api/users/{user_id} (spec 001): a bare object. */
export const getUserProcedure = factoryProcedure
  .meta(operation('admin', 'GET /api/users/{user_id}', 'One user of the factory', { dataShape: 'bare', permission: 'user_read' }))
  .input(userId)
  .output(adminUser)
  .query(({ ctx, input }) => getFactoryUser(ctx.deps.db, ctx.user.factoryId, input.user_id));
