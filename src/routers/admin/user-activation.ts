import { z } from 'zod';
import { factoryProcedure, router } from '../../edge/trpc.ts';
import { FACTORY_ROLES, PERMISSIONS } from '../../services/identity/permissions.ts';
import { activateUser, listPendingUsers, resetUserPassword } from '../../services/mobile/user-activation.ts';
import { departmentFields, newPassword } from '../identity/mobile/schemas.ts';

const userId = z.coerce.number().int().positive();

/** GET /api/users/pending (spec 002 §3.2). */
const pending = factoryProcedure
  .meta({
    openapi: { method: 'GET', path: '/api/users/pending', tags: ['mobile'], summary: 'Accounts waiting for activation', protect: true },
    family: 'mobile',
    dataShape: 'spread',
    permission: 'user_activate',
  })
  .input(z.void())
  .output(
    z.object({
      users: z.array(
        z.object({
          id: z.number().int(),
          username: z.string().nullable(),
          fullName: z.string().nullable(),
          phone: z.string().nullable(),
          email: z.string().nullable(),
          ...departmentFields,
          createdAt: z.number().int().describe('epoch ms'),
        }),
      ),
    }),
  )
  .query(async ({ ctx }) => ({ users: await listPendingUsers(ctx.deps.db, ctx.user.factoryId) }));

/** PUT /api/users/{id}/activate (spec 002 §3.3): a role no higher than the caller's own. */
const activate = factoryProcedure
  .meta({
    openapi: {
      method: 'PUT',
      path: '/api/users/{id}/activate',
      tags: ['mobile'],
      summary: 'Activate an account with a role',
      protect: true,
    },
    family: 'mobile',
    dataShape: 'spread',
    permission: 'user_activate',
  })
  .input(
    z.object({
      id: userId,
      roleCode: z.enum(FACTORY_ROLES.filter((r) => r !== 'unactivated') as [string, ...string[]]),
      roleLevel: z.union([z.number(), z.string()]).optional().describe('accepted for spec 002 compatibility; the role decides the level'),
      department: z
        .string()
        .trim()
        .max(100)
        .optional()
        .describe('a department code (farming, processing, logistics, quality, management), its display name, or free text')
        .meta({ example: 'processing' }),
      position: z.string().trim().max(100).optional(),
      permissions: z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length).optional().describe('extra grants, each held by the caller'),
    }),
  )
  .output(
    z.object({
      message: z.string(),
      user: z.object({ id: z.number().int(), username: z.string().nullable(), role: z.string(), permissions: z.array(z.string()) }),
    }),
  )
  .mutation(async ({ ctx, input }) => ({ message: '用户激活成功', user: await activateUser(ctx.deps.db, ctx.user, input.id, input) }));

/** PUT /api/users/{id}/reset-password (spec 002 §3.5). */
const resetPassword = factoryProcedure
  .meta({
    openapi: { method: 'PUT', path: '/api/users/{id}/reset-password', tags: ['mobile'], summary: "Reset a user's password", protect: true },
    family: 'mobile',
    dataShape: 'spread',
    permission: 'user_activate',
    rateLimit: { limit: 20 },
  })
  .input(z.object({ id: userId, newPassword: newPassword.optional().describe('a random one is generated and returned when absent') }))
  .output(z.object({ message: z.string(), temporaryPassword: z.string().optional().describe('shown once') }))
  .mutation(async ({ ctx, input }) => ({
    message: '密码重置成功',
    ...(await resetUserPassword(ctx.deps.db, ctx.user, input.id, input.newPassword)),
  }));

/** `admin.userActivation`: spec 002's user routes; sits before `admin.users` (literal paths first). */
export const userActivationRouter = router({ pending, activate, resetPassword });
