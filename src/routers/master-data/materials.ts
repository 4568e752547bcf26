import { z } from 'zod';
import { factoryProcedure, router } from '../../edge/trpc.ts';
import {
  createMaterial,
  deleteMaterial,
  getMaterial,
  listMaterials,
  MATERIAL_PURPOSES,
  updateMaterial,
} from '../../services/master-data/materials.ts';
import { adminMeta, id, isoTime, optionalText } from './schemas.ts';

const tag = 'admin-materials';
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
const write = z.object({
  name: z.string().trim().min(1).max(100),
  code: z.string().trim().min(1).max(50),
  full_name: optionalText(200),
  purpose: z.enum(MATERIAL_PURPOSES),
});
const byId = z.object({ material_id: id });

/** `admin.materials`: spec 001 material CRUD in the caller's factory. */
export const materialsRouter = router({
  list: factoryProcedure
    .meta(adminMeta('GET', '/api/materials', tag, "The factory's materials", 'material_read'))
    .input(z.void())
    .output(z.array(material))
    .query(({ ctx }) => listMaterials(ctx.deps.db, ctx.user.factoryId)),
  create: factoryProcedure
    .meta(adminMeta('POST', '/api/materials', tag, 'Create a material', 'material_create', '物料创建成功'))
    .input(write)
    .output(material)
    .mutation(({ ctx, input }) => createMaterial(ctx.deps.db, ctx.user.factoryId, input)),
  get: factoryProcedure
    .meta(adminMeta('GET', '/api/materials/{material_id}', tag, 'One material', 'material_read'))
    .input(byId)
    .output(material)
    .query(({ ctx, input }) => getMaterial(ctx.deps.db, ctx.user.factoryId, input.material_id)),
  update: factoryProcedure
    .meta(adminMeta('PUT', '/api/materials/{material_id}', tag, 'Update a material', 'material_update', '物料更新成功'))
    .input(byId.extend(write.partial().shape))
    .output(material)
    .mutation(({ ctx, input: { material_id, ...patch } }) => updateMaterial(ctx.deps.db, ctx.user.factoryId, material_id, patch)),
  delete: factoryProcedure
    .meta(adminMeta('DELETE', '/api/materials/{material_id}', tag, 'Delete a material', 'material_delete', '物料删除成功'))
    .input(byId)
    .output(z.void())
    .mutation(({ ctx, input }) => deleteMaterial(ctx.deps.db, ctx.user.factoryId, input.material_id)),
});
