import { z } from 'zod';
import { router } from '../../edge/trpc.ts';
import { MATERIAL_PURPOSES, materials } from '../../services/master-data/materials.ts';
import { crudProcedures } from './crud-procedures.ts';
import { isoTime, optionalText } from './schemas.ts';

const material = z
  .object({
    id: z.number().int(),
    name: z.string(),
    code: z.string(),
    full_name: z.string().nullable(),
    purpose: z.string(),
    created_at: isoTime,
    updated_at: isoTime,
  })
  .meta({ id: 'Material' });

/** `admin.materials`: spec 001 material CRUD in the caller's factory. */
export const materialsRouter = router(
  crudProcedures(materials, {
    path: '/api/materials',
    idParam: 'material_id',
    permission: 'material',
    dto: material,
    write: z.object({
      name: z.string().trim().min(1).max(100),
      code: z.string().trim().min(1).max(50),
      full_name: optionalText(200),
      purpose: z.enum(MATERIAL_PURPOSES),
    }),
    listInput: z.void(),
    listOutput: z.array(material),
    summaries: {
      list: "The factory's materials",
      create: 'Create a material',
      get: 'One material',
      update: 'Update a material',
      delete: 'Delete a material',
    },
    messages: { create: '物料创建成功', update: '物料更新成功', delete: '物料删除成功' },
  }),
);
