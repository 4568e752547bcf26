import type { Selectable } from 'kysely';
import type { AssayDataTable } from '../../../db/database.ts';
import type { Db } from '../../db/connect.ts';
import { notFound } from '../../errors.ts';
import { defined, isoSeconds } from './common.ts';
import { requireBranch } from './departments.ts';

/** Spec 001 AssayData's measured values, all nullable floats (percent, g/t for silver, kcal/kg for heat). */
export const ASSAY_VALUES = [
  'water_content',
  'zinc_content',
  'lead_content',
  'chlorine_content',
  'fluorine_content',
  'iron_content',
  'silicon_content',
  'sulfur_content',
  'high_heat',
  'low_heat',
  'silver_content',
  'recovery_rate',
] as const;
type AssayValue = (typeof ASSAY_VALUES)[number];

/** An assay record as written; `factory_id` is spec 001's branch factory (a level-1 department). */
export type AssayWrite = { sample_name: string; factory_id: number; remarks?: string | null | undefined } & {
  [K in AssayValue]?: number | null | undefined;
};

export type Assay = {
  id: number;
  sample_name: string;
  factory_id: number | null;
  remarks: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
} & { [K in AssayValue]: number | null };

function toAssay(r: Selectable<AssayDataTable>): Assay {
  const { factory_id: _tenant, branch_id, created_at, updated_at, ...rest } = r;
  return { ...rest, factory_id: branch_id, created_at: isoSeconds(created_at), updated_at: isoSeconds(updated_at) };
}

/** Spec 001 `GET /api/assay-data`: the factory's assay records, newest first, optionally of one branch factory. */
export async function listAssayData(db: Db, factoryId: string, filter: { branchId?: number | undefined } = {}): Promise<Assay[]> {
  let q = db.selectFrom('assay_data').selectAll().where('factory_id', '=', factoryId);
  if (filter.branchId !== undefined) q = q.where('branch_id', '=', filter.branchId);
  return (await q.orderBy('id', 'desc').execute()).map(toAssay);
}

/** @throws AppError NOT_FOUND, also for another factory's record. */
export async function getAssay(db: Db, factoryId: string, id: number): Promise<Assay> {
  const row = await db.selectFrom('assay_data').selectAll().where('id', '=', id).where('factory_id', '=', factoryId).executeTakeFirst();
  if (!row) throw notFound('Assay data', id);
  return toAssay(row);
}

function toColumns(input: Partial<AssayWrite>) {
  const { factory_id, ...rest } = input;
  return defined({ ...rest, branch_id: factory_id });
}

/**
 * Records an assay sample; `created_by` is the caller.
 * @throws AppError VALIDATION_FAILED (branch factory not of this factory).
 */
export async function createAssay(db: Db, factoryId: string, userId: number, input: AssayWrite): Promise<Assay> {
  await requireBranch(db, factoryId, input.factory_id);
  const now = Date.now();
  const row = await db
    .insertInto('assay_data')
    .values({
      ...toColumns(input),
      sample_name: input.sample_name,
      factory_id: factoryId,
      created_by: userId,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toAssay(row);
}

/** @throws AppError NOT_FOUND, VALIDATION_FAILED. */
export async function updateAssay(db: Db, factoryId: string, id: number, input: Partial<AssayWrite>): Promise<Assay> {
  if (input.factory_id !== undefined) await requireBranch(db, factoryId, input.factory_id);
  const row = await db
    .updateTable('assay_data')
    .set({ ...toColumns(input), updated_at: Date.now() })
    .where('id', '=', id)
    .where('factory_id', '=', factoryId)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound('Assay data', id);
  return toAssay(row);
}

/** @throws AppError NOT_FOUND. */
export async function deleteAssay(db: Db, factoryId: string, id: number): Promise<void> {
  const res = await db.deleteFrom('assay_data').where('id', '=', id).where('factory_id', '=', factoryId).executeTakeFirst();
  if (!res.numDeletedRows) throw notFound('Assay data', id);
}
