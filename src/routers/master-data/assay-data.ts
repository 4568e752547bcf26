import { z } from 'zod';
import { router } from '../../edge/trpc.ts';
import { ASSAY_VALUES, assayData } from '../../services/master-data/assay-data.ts';
import { crudProcedures } from './crud-procedures.ts';
import { id, optionalText, recordSchema } from './schemas.ts';

const PERCENT = new Set<string>(ASSAY_VALUES.filter((k) => k.endsWith('_content') || k === 'recovery_rate'));
PERCENT.delete('silver_content'); // g/t, not percent

const valuesOut = Object.fromEntries(ASSAY_VALUES.map((k) => [k, z.number().nullable()])) as Record<
  (typeof ASSAY_VALUES)[number],
  z.ZodNullable<z.ZodNumber>
>;
const valuesIn = Object.fromEntries(
  ASSAY_VALUES.map((k) => [k, (PERCENT.has(k) ? z.number().min(0).max(100) : z.number().min(0).max(1_000_000)).nullable().optional()]),
) as Record<(typeof ASSAY_VALUES)[number], z.ZodOptional<z.ZodNullable<z.ZodNumber>>>;

const assay = recordSchema('AssayData', {
  sample_name: z.string(),
  factory_id: z.number().int().nullable().describe('branch factory (分厂, a level-1 department)'),
  ...valuesOut,
  remarks: z.string().nullable(),
  created_by: z.number().int().nullable(),
});

/** `admin.assayData`: spec 001 assay records of the caller's factory, with issue 15's audit trail. */
export const assayDataRouter = router(
  crudProcedures(assayData, {
    path: '/api/assay-data',
    idParam: 'assay_id',
    permission: 'assay_data',
    dto: assay,
    write: z.object({
      sample_name: z.string().trim().min(1).max(100),
      factory_id: id.describe('branch factory (分厂, a level-1 department)'),
      ...valuesIn,
      remarks: optionalText(2000),
    }),
    listInput: z.object({ factory_id: id.optional().describe('only this branch factory') }),
    noun: 'assay record',
    zh: '化验数据',
    summaries: {
      list: "The factory's assay records, newest first",
      create: 'Record an assay sample',
      update: 'Update an assay record',
      delete: 'Delete an assay record',
    },
  }),
);
