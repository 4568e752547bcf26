import { z } from 'zod';
import { operation } from '../../../edge/meta.ts';
import { platformProcedure } from '../../../edge/trpc.ts';
import { listFactories } from '../../../services/tenants/factories.ts';
import { factoriesAccess, factory } from './schemas.ts';

/** GET /api/platform/factories (spec 002 §4.1). */
export const listFactoriesProcedure = platformProcedure
  .meta(operation('mobile', 'GET /api/platform/factories', 'All factories', factoriesAccess))
  .input(z.void())
  .output(z.object({ factories: z.array(factory) }))
  .query(async ({ ctx }) => ({ factories: await listFactories(ctx.deps.db) }));
