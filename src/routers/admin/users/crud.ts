import { z } from 'zod';
import { factoryProcedure } from '../../../edge/trpc.ts';
import {
  createFactoryUser,
  deleteFactoryUser,
  getFactoryUser,
  listFactoryUsers,
  updateFactoryUser,
} from '../../../services/admin/factory-users.ts';
import { adminUser, email, userId, username, userWrite } from './schemas.ts';

const tags = ['admin-users'];

/** GET /api/users (spec 001/002): the caller's factory's users, a bare array. */
export const listUsersProcedure = factoryProcedure
  .meta({
    openapi: { method: 'GET', path: '/api/users', tags, summary: "The factory's users", protect: true },
    family: 'admin',
    dataShape: 'bare',
    permission: 'user_read',
  })
  .input(z.void())
  .output(z.array(adminUser))
  .query(({ ctx }) => listFactoryUsers(ctx.deps.db, ctx.user.factoryId));

/** POST /api/users (spec 001) */
export const createUserProcedure = factoryProcedure
  .meta({
    openapi: { method: 'POST', path: '/api/users', tags, summary: 'Create a user in the factory', protect: true },
    family: 'admin',
    message: '用户创建成功',
    successStatus: 201,
    permission: 'user_create',
  })
  .input(userWrite.extend({ username, email }))
  .output(adminUser)
  .mutation(({ ctx, input }) => createFactoryUser(ctx.deps.db, ctx.user, input));

/** GET /api/users/{user_id} (spec 001): a bare object. */
export const getUserProcedure = factoryProcedure
  .meta({
    openapi: { method: 'GET', path: '/api/users/{user_id}', tags, summary: 'One user of the factory', protect: true },
    family: 'admin',
    dataShape: 'bare',
    permission: 'user_read',
  })
  .input(userId)
  .output(adminUser)
  .query(({ ctx, input }) => getFactoryUser(ctx.deps.db, ctx.user.factoryId, input.user_id));

/** PUT /api/users/{user_id} (spec 001/002) */
export const updateUserProcedure = factoryProcedure
  .meta({
    openapi: { method: 'PUT', path: '/api/users/{user_id}', tags, summary: 'Update a user of the factory', protect: true },
    family: 'admin',
    message: '用户更新成功',
    permission: 'user_update',
  })
  .input(userId.extend(userWrite.shape))
  .output(adminUser)
  .mutation(({ ctx, input: { user_id, ...patch } }) => updateFactoryUser(ctx.deps.db, ctx.user, user_id, patch));

/** DELETE /api/users/{user_id} (spec 001): `{success, message:"用户删除成功"}`. */
export const deleteUserProcedure = factoryProcedure
  .meta({
    openapi: { method: 'DELETE', path: '/api/users/{user_id}', tags, summary: 'Delete a user of the factory', protect: true },
    family: 'admin',
    message: '用户删除成功',
    permission: 'user_delete',
  })
  .input(userId)
  .output(z.void())
  .mutation(({ ctx, input }) => deleteFactoryUser(ctx.deps.db, ctx.user, input.user_id));
