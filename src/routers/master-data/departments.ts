import { z } from 'zod';
import { router } from '../../edge/trpc.ts';
import { departments } from '../../services/master-data/departments.ts';
import { crudProcedures } from './crud-procedures.ts';
import { id, optionalText, phone, recordSchema } from './schemas.ts';

const department = recordSchema('Department', {
  name: z.string(),
  short_name: z.string().nullable(),
  full_name: z.string().nullable(),
  level: z.number().int().describe('1 branch factory (分厂), 2 department'),
  parent_id: z.number().int().nullable(),
  phone: z.string().nullable(),
});

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

/** `admin.departments`: branch factories (level 1) and their departments (level 2). */
export const departmentsRouter = router(
  crudProcedures(departments, {
    path: '/api/departments/{department_id}',
    permission: 'department',
    dto: department,
    write,
    noun: 'department',
    zh: '部门',
    summaries: {
      list: 'Branch factories and departments',
      create: 'Create a branch factory or department',
      delete: 'Delete an unused department',
    },
  }),
);
