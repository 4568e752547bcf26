import { z } from 'zod';
import { operation } from '../../../edge/meta.ts';
import { platformProcedure } from '../../../edge/trpc.ts';
import { createFactory } from '../../../services/tenants/factories.ts';
import { createFactoryInput } from './create.types.ts';
import { factoriesAccess, factory } from './schemas.ts';

/** POST /api/platform/factories (spec 002 §4.2). */
export const createFactoryProcedure = platformProcedure
  .meta(operation('mobile', 'POST /api/platform/factories', 'Create a factory', { ...factoriesAccess, successStatus: 201 }))
  .input(createFactoryInput)
  .output(z.object({ message: z.string(), factory }))
  .mutation(async ({ ctx, input }) => ({ message: '工厂创建成功', factory: await createFactory(ctx.deps.db, input) }));
