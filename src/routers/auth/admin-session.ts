import { z } from 'zod';
import { authedProcedure, publicProcedure } from '../../edge/trpc.ts';
import { adminLogin, currentUser, registerUser } from '../../services/admin/session.ts';
import { revokeToken } from '../../services/auth/principal.ts';
import { adminUser, email, password, username } from '../admin/users/schemas.ts';

const tags = ['admin-auth'];

/** POST /api/login (spec 001) */
export const loginProcedure = publicProcedure
  .meta({
    openapi: { method: 'POST', path: '/api/login', tags, summary: 'Back-office login with username and password' },
    family: 'admin',
    message: '登录成功',
    rateLimit: { limit: 20 },
  })
  .input(z.object({ username: z.string().trim().min(1).max(120), password: z.string().min(1).max(128) }))
  .output(z.object({ token: z.string(), user: adminUser }))
  .mutation(({ ctx, input }) => adminLogin(ctx.deps, { ...input, ip: ctx.ip }));

/** POST /api/register (spec 001): an `unactivated` account until an admin activates it. */
export const registerProcedure = publicProcedure
  .meta({
    openapi: { method: 'POST', path: '/api/register', tags, summary: 'Self-registration (unactivated until activated)' },
    family: 'admin',
    message: '注册成功',
    successStatus: 201,
    rateLimit: { limit: 10 },
  })
  .input(
    z.object({
      username,
      email,
      password,
      name: z.string().trim().min(1).max(64).optional(),
      factory_id: z.string().trim().min(1).max(64).optional().describe('Extension: the factory to join once activated'),
    }),
  )
  .output(z.object({ user: adminUser }))
  .mutation(async ({ ctx, input }) => ({ user: await registerUser(ctx.deps, input) }));

/** POST /api/logout (spec 001): revokes the presented access token. */
export const logoutProcedure = authedProcedure
  .meta({
    openapi: { method: 'POST', path: '/api/logout', tags, summary: 'Revoke the current access token', protect: true },
    family: 'admin',
    message: '登出成功',
  })
  .input(z.object({}).optional())
  .output(z.void())
  .mutation(async ({ ctx }) => {
    await revokeToken(ctx.deps.db, ctx.user);
  });

/** GET /api/users/me (spec 001); registered before /api/users/{user_id}. */
export const meProcedure = authedProcedure
  .meta({
    openapi: { method: 'GET', path: '/api/users/me', tags, summary: 'The caller with roles and departments', protect: true },
    family: 'admin',
    message: '获取成功',
  })
  .input(z.void())
  .output(adminUser.extend({ roles: z.array(z.string()), departments: z.array(z.string()) }))
  .query(({ ctx }) => currentUser(ctx.deps.db, ctx.user.id));
