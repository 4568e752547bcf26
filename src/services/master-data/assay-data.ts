import { auditTrail } from '../smelter/audit.ts';
import { parseTraceId, traceWireId } from '../traces/common.ts';
import { defined, inUse, isoSeconds } from './common.ts';
import { requireBranch } from './departments.ts';
import { defineTenantCrud, requireOwned } from './tenant-crud.ts';

/**
 * Spec 001 AssayData's measured values, all nullable floats, with their units: percent by mass,
 * grams per tonne for silver, kcal/kg for the calorific values.
 */
export const ASSAY_UNITS = {
  water_content: '%',
  zinc_content: '%',
  lead_content: '%',
  chlorine_content: '%',
  fluorine_content: '%',
  iron_content: '%',
  silicon_content: '%',
  sulfur_content: '%',
  high_heat: 'kcal/kg',
  low_heat: 'kcal/kg',
  silver_content: 'g/t',
  recovery_rate: '%',
} as const satisfies Record<string, '%' | 'g/t' | 'kcal/kg'>;
export type AssayUnit = (typeof ASSAY_UNITS)[keyof typeof ASSAY_UNITS];
/** The value columns, in the document's order. */
export const ASSAY_VALUES = Object.keys(ASSAY_UNITS) as [keyof typeof ASSAY_UNITS, ...(keyof typeof ASSAY_UNITS)[]];
type AssayValue = (typeof ASSAY_VALUES)[number];

/**
 * An assay record as written; `factory_id` is spec 001's branch factory (a level-1 department);
 * `trace_id` the v1 trace batch sampled (`trace-<n>`, issue 14), `is_public` whether the lot's
 * Digital Link page shows the result.
 */
export type AssayWrite = {
  sample_name: string;
  factory_id: number;
  remarks?: string | null | undefined;
  trace_id?: string | null | undefined;
  is_public?: boolean | undefined;
} & {
  [K in AssayValue]?: number | null | undefined;
};

export type Assay = {
  id: number;
  sample_name: string;
  factory_id: number | null;
  remarks: string | null;
  trace_id: string | null;
  is_public: boolean;
  created_by: number | null;
  created_at: string;
  updated_at: string;
} & { [K in AssayValue]: number | null };

/**
 * Spec 001 `/api/assay-data`: the factory's assay records, newest first, optionally of one branch
 * factory; `created_by` is the caller. A caller's changes are audited (issue 15). An assay that
 * priced a settled receipt is frozen (changing it would make the settlement disagree with its
 * evidence), and one a receipt links cannot be deleted.
 * @throws AppError VALIDATION_FAILED (branch factory not of this factory), CONFLICT.
 */
export const assayData = defineTenantCrud<'assay_data', Assay, AssayWrite, { factory_id?: number | undefined }>({
  table: 'assay_data',
  entity: 'Assay data',
  toDto: ({ factory_id: _tenant, branch_id, trace_batch_id, is_public, created_at, updated_at, ...rest }) => ({
    ...rest,
    factory_id: branch_id,
    trace_id: trace_batch_id === null ? null : traceWireId(Number(trace_batch_id)),
    is_public: Number(is_public) === 1,
    created_at: isoSeconds(created_at),
    updated_at: isoSeconds(updated_at),
  }),
  list: async (rows, { factory_id }, toDto) => {
    const filtered = factory_id === undefined ? rows : rows.where('branch_id', '=', factory_id);
    return (await filtered.selectAll().orderBy('id', 'desc').execute()).map(toDto);
  },
  async columns(input, { db, factoryId, author, current }) {
    if (current) {
      const settled = await db
        .selectFrom('receipts')
        .select('id')
        .where('assay_id', '=', current.id)
        .where('status', '=', 'settled')
        .executeTakeFirst();
      if (settled) throw inUse('化验数据已用于结算，不能修改');
    }
    if (input.factory_id !== undefined) await requireBranch(db, factoryId, input.factory_id);
    const { factory_id, trace_id, is_public, ...rest } = input;
    // a trace_id not shaped `trace-<n>` names no batch: id 0 is nobody's, so requireOwned refuses it
    const traceBatch = trace_id === undefined || trace_id === null ? trace_id : (parseTraceId(trace_id) ?? 0);
    await requireOwned(db, 'trace_batches', factoryId, traceBatch, 'trace_id', '追溯批次不存在');
    return {
      ...defined({
        ...rest,
        branch_id: factory_id,
        trace_batch_id: traceBatch,
        is_public: is_public === undefined ? undefined : is_public ? 1 : 0,
      }),
      ...(current ? {} : { created_by: author }),
    };
  },
  deleteBlockedBy: { refs: [['receipts', 'assay_id']], message: '化验数据已关联收货单，不能删除' },
  afterWrite: auditTrail<Assay>('assay_data', () => null),
});

/** For seeds and test fixtures. */
export const createAssay = assayData.create;
