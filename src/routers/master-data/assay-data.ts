import { z } from 'zod';
import { factoryProcedure, router } from '../../edge/trpc.ts';
import { ASSAY_VALUES, getAssay, listAssayData } from '../../services/master-data/assay-data.ts';
import { createAssayAudited, deleteAssayAudited, updateAssayAudited } from '../../services/smelter/audited-master-data.ts';
import { adminMeta, id, isoTime, optionalText } from './schemas.ts';

const tag = 'admin-assay-data';
const PERCENT = new Set<string>(ASSAY_VALUES.filter((k) => k.endsWith('_content') || k === 'recovery_rate'));
PERCENT.delete('silver_content'); // g/t, not percent

const valuesOut = Object.fromEntries(ASSAY_VALUES.map((k) => [k, z.number().nullable()])) as Record<
  (typeof ASSAY_VALUES)[number],
  z.ZodNullable<z.ZodNumber>
>;
const valuesIn = Object.fromEntries(
  ASSAY_VALUES.map((k) => [k, (PERCENT.has(k) ? z.number().min(0).max(100) : z.number().min(0).max(1_000_000)).nullable().optional()]),
) as Record<(typeof ASSAY_VALUES)[number], z.ZodOptional<z.ZodNullable<z.ZodNumber>>>;

const assay = z
  .object({
    id: z.number().int(),
    sample_name: z.string(),
    factory_id: z.number().int().nullable().describe('branch factory (分厂, a level-1 department)'),
    ...valuesOut,
    remarks: z.string().nullable(),
    created_by: z.number().int().nullable(),
    created_at: isoTime,
    updated_at: isoTime,
  })
  .meta({ id: 'AssayData' });
const write = z.object({
  sample_name: z.string().trim().min(1).max(100),
  factory_id: id.describe('branch factory (分厂, a level-1 department)'),
  ...valuesIn,
  remarks: optionalText(2000),
});
const byId = z.object({ assay_id: id });

/** `admin.assayData`: spec 001 assay records of the caller's factory. */
export const assayDataRouter = router({
  list: factoryProcedure
    .meta(adminMeta('GET', '/api/assay-data', tag, "The factory's assay records, newest first", 'assay_data_read'))
    .input(z.object({ factory_id: id.optional().describe('only this branch factory') }))
    .output(z.array(assay))
    .query(({ ctx, input }) => listAssayData(ctx.deps.db, ctx.user.factoryId, { branchId: input.factory_id })),
  create: factoryProcedure
    .meta(adminMeta('POST', '/api/assay-data', tag, 'Record an assay sample', 'assay_data_create', '化验数据创建成功'))
    .input(write)
    .output(assay)
    .mutation(({ ctx, input }) => createAssayAudited(ctx.deps.db, ctx.user, input)),
  get: factoryProcedure
    .meta(adminMeta('GET', '/api/assay-data/{assay_id}', tag, 'One assay record', 'assay_data_read'))
    .input(byId)
    .output(assay)
    .query(({ ctx, input }) => getAssay(ctx.deps.db, ctx.user.factoryId, input.assay_id)),
  update: factoryProcedure
    .meta(adminMeta('PUT', '/api/assay-data/{assay_id}', tag, 'Update an assay record', 'assay_data_update', '化验数据更新成功'))
    .input(byId.extend(write.partial().shape))
    .output(assay)
    .mutation(({ ctx, input: { assay_id, ...patch } }) => updateAssayAudited(ctx.deps.db, ctx.user, assay_id, patch)),
  delete: factoryProcedure
    .meta(adminMeta('DELETE', '/api/assay-data/{assay_id}', tag, 'Delete an assay record', 'assay_data_delete', '化验数据删除成功'))
    .input(byId)
    .output(z.void())
    .mutation(({ ctx, input }) => deleteAssayAudited(ctx.deps.db, ctx.user, input.assay_id)),
});
