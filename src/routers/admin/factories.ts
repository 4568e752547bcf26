import { z } from 'zod';
import { platformProcedure, router } from '../../edge/trpc.ts';
import { createFactory, createFactorySuperAdmin, listFactories } from '../../services/mobile/factories.ts';
import { newPassword } from '../identity/mobile/schemas.ts';

const factory = z
  .object({
    id: z.string(),
    name: z.string(),
    industry: z.string().nullable(),
    address: z.string().nullable(),
    contactName: z.string().nullable(),
    contactPhone: z.string().nullable(),
    contactEmail: z.string().nullable(),
    isActive: z.boolean(),
    userCount: z.number().int(),
    createdAt: z.number().int().describe('epoch ms'),
  })
  .meta({ id: 'Factory' });
const opt = (max: number) => z.string().trim().max(max).optional();

/** GET /api/platform/factories (spec 002 §4.1). */
const list = platformProcedure
  .meta({
    openapi: { method: 'GET', path: '/api/platform/factories', tags: ['mobile'], summary: 'All factories', protect: true },
    family: 'mobile',
    dataShape: 'spread',
    permission: 'platform_factories',
  })
  .input(z.void())
  .output(z.object({ factories: z.array(factory) }))
  .query(async ({ ctx }) => ({ factories: await listFactories(ctx.deps.db) }));

/** POST /api/platform/factories (spec 002 §4.2). */
const create = platformProcedure
  .meta({
    openapi: { method: 'POST', path: '/api/platform/factories', tags: ['mobile'], summary: 'Create a factory', protect: true },
    family: 'mobile',
    dataShape: 'spread',
    successStatus: 201,
    permission: 'platform_factories',
  })
  .input(
    z.object({
      name: z.string().trim().min(1, '工厂名称不能为空').max(200),
      industry: opt(100),
      address: opt(300),
      contactName: opt(100),
      contactPhone: opt(32),
      contactEmail: z.string().trim().email().max(200).optional(),
      idPrefix: z
        .string()
        .regex(/^[A-Z]{2,12}$/, '2-12 upper-case letters')
        .meta({ example: 'ZHUZHOU' })
        .optional()
        .describe('id prefix: TEST → TEST_<year>_001 (not in spec 002; default FACTORY)'),
    }),
  )
  .output(z.object({ message: z.string(), factory }))
  .mutation(async ({ ctx, input }) => ({ message: '工厂创建成功', factory: await createFactory(ctx.deps.db, input) }));

/** POST /api/platform/factories/{factoryId}/admin (spec 002 §4.3). */
const createAdmin = platformProcedure
  .meta({
    openapi: {
      method: 'POST',
      path: '/api/platform/factories/{factoryId}/admin',
      tags: ['mobile'],
      summary: "Create the factory's super administrator",
      protect: true,
    },
    family: 'mobile',
    dataShape: 'spread',
    successStatus: 201,
    permission: 'platform_factories',
  })
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

export const factoriesRouter = router({ list, create, createAdmin });
