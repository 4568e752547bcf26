import { z } from 'zod';
import { operation } from '../../../edge/meta.ts';
import { factoryProcedure } from '../../../edge/trpc.ts';
import { removeFromWhitelist } from '../../../services/tenants/whitelist.ts';
import { whitelistAccess } from './schemas.ts';

/** DELETE /api/whitelist/{id} (spec 002 §2.3). */
export const removeFromWhitelistProcedure = factoryProcedure
  .meta(operation('mobile', 'DELETE /api/whitelist/{id}', 'Remove a whitelist entry', whitelistAccess))
  .input(z.object({ id: z.coerce.number().int().positive() }))
  .output(z.object({ message: z.string() }))
  .mutation(async ({ ctx, input }) => {
    await removeFromWhitelist(ctx.deps.db, ctx.user.factoryId, input.id);
    return { message: '删除成功' };
  });
