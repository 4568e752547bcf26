import { z } from 'zod';
import { router } from '../../edge/trpc.ts';
import { MATERIAL_PURPOSES, materials } from '../../services/master-data/contract-parties.ts';
import { crudProcedures } from './crud-procedures.ts';
import { coded, codedWrite, recordSchema } from './schemas.ts';

const material = recordSchema('Material', {
  ...coded,
  purpose: z.string(),
});

const write = z.object({
  ...codedWrite,
  purpose: z.enum(MATERIAL_PURPOSES),
});

/** `admin.materials`: spec 001 material CRUD in the caller's factory. */
export const materialsRouter = router(
  crudProcedures(materials, {
    path: '/api/materials/{material_id}',
    permission: 'material',
    dto: material,
    write,
    noun: 'material',
    zh: '物料',
  }),
);
