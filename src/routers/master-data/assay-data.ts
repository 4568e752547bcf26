import { z } from 'zod';
import { router } from '../../edge/trpc.ts';
import { ASSAY_UNITS, ASSAY_VALUES, type AssayUnit, assayData } from '../../services/master-data/assay-data.ts';
import { crudProcedures } from './crud-procedures.ts';
import { id, optionalText, recordSchema } from './schemas.ts';

/** The accepted range of a value by its unit. */
const RANGE: Record<AssayUnit, z.ZodNumber> = {
  '%': z.number().min(0).max(100),
  'g/t': z.number().min(0).max(1_000_000),
  'kcal/kg': z.number().min(0).max(1_000_000),
};
type Values<S> = Record<(typeof ASSAY_VALUES)[number], S>;
const valuesOut = Object.fromEntries(ASSAY_VALUES.map((k) => [k, z.number().nullable()])) as Values<z.ZodNullable<z.ZodNumber>>;
const valuesIn = Object.fromEntries(ASSAY_VALUES.map((k) => [k, RANGE[ASSAY_UNITS[k]].nullable().optional()])) as Values<
  z.ZodOptional<z.ZodNullable<z.ZodNumber>>
>;

const assay = recordSchema('AssayData', {
  sample_name: z.string(),
  factory_id: z.number().int().nullable().describe('branch factory (分厂, a level-1 department)'),
  ...valuesOut,
  remarks: z.string().nullable(),
  trace_id: z.string().nullable().describe('the v1 trace batch sampled (issue 14)'),
  is_public: z.boolean().describe('shown on the lot’s GS1 Digital Link page'),
  created_by: z.number().int().nullable(),
});

/** `admin.assayData`: spec 001 assay records of the caller's factory, with issue 15's audit trail. */
export const assayDataRouter = router(
  crudProcedures(assayData, {
    path: '/api/assay-data/{assay_id}',
    permission: 'assay_data',
    dto: assay,
    write: z.object({
      sample_name: z.string().trim().min(1).max(100),
      factory_id: id.describe('branch factory (分厂, a level-1 department)'),
      ...valuesIn,
      remarks: optionalText(2000),
      trace_id: z.string().trim().max(40).nullable().optional().describe('a v1 trace batch of the factory, `trace-<n>`; null unlinks'),
      is_public: z.boolean().optional().describe('publish the result on the lot’s GS1 Digital Link page (default false)'),
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
