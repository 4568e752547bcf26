import { z } from 'zod';
import { factoryProcedure, router } from '../../edge/trpc.ts';
import {
  createDepartment,
  deleteDepartment,
  getDepartment,
  listDepartments,
  updateDepartment,
} from '../../services/master-data/departments.ts';
import { adminMeta, id, isoTime, optionalText, phone } from './schemas.ts';

const tag = 'admin-departments';
const department = z
  .object({
    id: z.number().int(),
    name: z.string(),
    short_name: z.string().nullable(),
    full_name: z.string().nullable(),
    level: z.number().int().describe('1 branch factory (分厂), 2 department'),
    parent_id: z.number().int().nullable(),
    phone: z.string().nullable(),
    created_at: isoTime,
    updated_at: isoTime,
  })
  .meta({ id: 'Department' });
const write = z.object({
  name: z.string().trim().min(1).max(100),
  short_name: optionalText(50),
  full_name: optionalText(200),
  level: z
    .union([z.literal(1), z.literal(2)])
    .optional()
    .describe('derived from parent_id when absent'),
  parent_id: id.nullable().optional().describe('a branch factory (level 1) for a department'),
  phone,
});
const byId = z.object({ department_id: id });

/** `admin.departments`: branch factories (level 1) and their departments (level 2). */
export const departmentsRouter = router({
  list: factoryProcedure
    .meta(adminMeta('GET', '/api/departments', tag, 'Branch factories and departments', 'department_read'))
    .input(z.void())
    .output(z.array(department))
    .query(({ ctx }) => listDepartments(ctx.deps.db, ctx.user.factoryId)),
  create: factoryProcedure
    .meta(adminMeta('POST', '/api/departments', tag, 'Create a branch factory or department', 'department_create', '部门创建成功'))
    .input(write)
    .output(department)
    .mutation(({ ctx, input }) => createDepartment(ctx.deps.db, ctx.user.factoryId, input)),
  get: factoryProcedure
    .meta(adminMeta('GET', '/api/departments/{department_id}', tag, 'One department', 'department_read'))
    .input(byId)
    .output(department)
    .query(({ ctx, input }) => getDepartment(ctx.deps.db, ctx.user.factoryId, input.department_id)),
  update: factoryProcedure
    .meta(adminMeta('PUT', '/api/departments/{department_id}', tag, 'Update a department', 'department_update', '部门更新成功'))
    .input(byId.extend(write.partial().shape))
    .output(department)
    .mutation(({ ctx, input: { department_id, ...patch } }) => updateDepartment(ctx.deps.db, ctx.user.factoryId, department_id, patch)),
  delete: factoryProcedure
    .meta(adminMeta('DELETE', '/api/departments/{department_id}', tag, 'Delete an unused department', 'department_delete', '部门删除成功'))
    .input(byId)
    .output(z.void())
    .mutation(({ ctx, input }) => deleteDepartment(ctx.deps.db, ctx.user.factoryId, input.department_id)),
});
