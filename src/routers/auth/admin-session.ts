import { z } from 'zod';
import { authedProcedure, publicProcedure } from '../../edge/trpc.ts';
import { adminLogin, adminLogout, currentUser, refreshAdminSession, registerUser } from '../../services/admin/session.ts';
import { adminUser, email, password, username } from '../tenants/users/schemas.ts';

const tags = ['admin-auth'];

const accessToken = z.string().describe('JWT access token, 24 h').meta({ example: 'eyJhbGciOiJIUzI1NiJ9…' });
const refreshToken = z
  .string()
  .describe('opaque, 30 days, rotated by POST /api/refresh-token; reuse of a spent one revokes its family')
  .meta({ example: 'q3Jx…base64url' });
const expiresIn = z.number().int().describe('access-token lifetime, seconds').meta({ example: 86400 });

/** POST /api/login (spec 001); `refresh_token` and `expires_in` beside spec 001's `token` and `user`. */
export const loginProcedure = publicProcedure
  .meta({
    openapi: { method: 'POST', path: '/api/login', tags, summary: 'Back-office login with username and password' },
    family: 'admin',
    message: '登录成功',
    rateLimit: { limit: 20 },
  })
  .input(z.object({ username: z.string().trim().min(1).max(120), password: z.string().min(1).max(128) }))
  .output(z.object({ token: accessToken, refresh_token: refreshToken, expires_in: expiresIn, user: adminUser }))
  .mutation(({ ctx, input }) => adminLogin(ctx.deps, { ...input, ip: ctx.ip }));

/**
 * POST /api/refresh-token (the later back office of spec 001, REAL-CLIENTS.md): rotates the
 * refresh token of /api/login; the client reads `data.token`.
 */
export const refreshTokenProcedure = publicProcedure
  .meta({
    openapi: { method: 'POST', path: '/api/refresh-token', tags, summary: 'Rotate a back-office refresh token' },
    family: 'admin',
    message: 'Token刷新成功',
    rateLimit: { limit: 30 },
    errors: ['UNAUTHENTICATED'],
  })
  .input(z.object({ refresh_token: z.string().min(1, 'refresh_token缺失').max(200).meta({ example: 'q3Jx…base64url' }) }))
  .output(z.object({ token: accessToken, refresh_token: refreshToken, expires_in: expiresIn }))
  .mutation(({ ctx, input }) => refreshAdminSession(ctx.deps, input.refresh_token));

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

/**
 * POST /api/logout (spec 001): revokes the presented access token, and the refresh family of
 * `refresh_token` (every back-office family of the caller when absent).
 */
export const logoutProcedure = authedProcedure
  .meta({
    openapi: { method: 'POST', path: '/api/logout', tags, summary: 'Revoke the current access token and refresh tokens', protect: true },
    family: 'admin',
    message: '登出成功',
  })
  .input(
    z
      .object({ refresh_token: z.string().max(200).optional().describe('its family is revoked; all back-office families when absent') })
      .optional(),
  )
  .output(z.void())
  .mutation(async ({ ctx, input }) => {
    await adminLogout(ctx.deps.db, ctx.user, input?.refresh_token);
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
