import { z } from 'zod';
import { operation } from '../../../edge/meta.ts';
import { platformProcedure } from '../../../edge/trpc.ts';
import { createFactorySuperAdmin } from '../../../services/tenants/factories.ts';
import { newPassword } from '../../identity/mobile/schemas.ts';
import { factoriesAccess } from './schemas.ts';

/** POST /api/platform/factories/{factoryId}/admin (spec 002 §4.3). */
export const createFactoryAdminProcedure = platformProcedure
  .meta(
    operation('mobile', 'POST /api/platform/factories/{factoryId}/admin', "Create the factory's super administrator", {
      ...factoriesAccess,
      successStatus: 201,
    }),
  )
  .input(
    z.object({
      factoryId: z.string().min(1).max(64),
      username: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9_.-]{3,50}$/, '用户名须为3-50位字母、数字、下划线'),
      password: newPassword,
      email: z.string().trim().email().max(200).optional(),
      fullName: z.string().trim().min(1).max(100),
    }),
  )
  .output(
    z.object({
      message: z.string(),
      user: z.object({ id: z.number().int(), username: z.string(), factoryId: z.string(), role: z.literal('factory_super_admin') }),
    }),
  )
  .mutation(async ({ ctx, input }) => ({
    message: '工厂超级管理员创建成功',
    user: await createFactorySuperAdmin(ctx.deps.db, input.factoryId, input),
  }));
