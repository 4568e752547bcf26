import { z } from 'zod';
import { operation } from '../../../edge/meta.ts';
import { factoryProcedure } from '../../../edge/trpc.ts';
import { listWhitelist } from '../../../services/tenants/whitelist.ts';
import { whitelistAccess, whitelistEntry } from './schemas.ts';

/** GET /api/whitelist (spec 002 §2.1). */
export const listWhitelistProcedure = factoryProcedure
  .meta(operation('mobile', 'GET /api/whitelist', "The factory's phone whitelist", whitelistAccess))
  .input(z.void())
  .output(z.object({ whitelist: z.array(whitelistEntry) }))
  .query(async ({ ctx }) => ({ whitelist: await listWhitelist(ctx.deps.db, ctx.user.factoryId) }));
