import type { Selectable } from 'kysely';
import type { DepartmentsTable } from '../../../db/database.ts';
import type { Db } from '../../db/connect.ts';
import { AppError, notFound } from '../../errors.ts';
import { badReference, defined, inUse, isoSeconds } from './common.ts';

/** Spec 001 Department.level: 1 branch factory (分厂), 2 department under a branch factory. */
export const BRANCH_LEVEL = 1;
export const DEPARTMENT_LEVEL = 2;

export interface DepartmentWrite {
  name: string;
  short_name?: string | null | undefined;
  full_name?: string | null | undefined;
  /** Optional: derived from parent_id when absent. */
  level?: 1 | 2 | undefined;
  parent_id?: number | null | undefined;
  phone?: string | null | undefined;
}

export interface Department {
  id: number;
  name: string;
  short_name: string | null;
  full_name: string | null;
  level: number;
  parent_id: number | null;
  phone: string | null;
  created_at: string;
  updated_at: string;
}

function toDepartment(r: Selectable<DepartmentsTable>): Department {
  return {
    id: r.id,
    name: r.name,
    short_name: r.short_name,
    full_name: r.full_name,
    level: r.level,
    parent_id: r.parent_id,
    phone: r.phone,
    created_at: isoSeconds(r.created_at),
    updated_at: isoSeconds(r.updated_at),
  };
}

/** Spec 001 `GET /api/departments`: branch factories and departments, parents first. */
export async function listDepartments(db: Db, factoryId: string): Promise<Department[]> {
  const rows = await db.selectFrom('departments').selectAll().where('factory_id', '=', factoryId).orderBy('level').orderBy('id').execute();
  return rows.map(toDepartment);
}

async function findDepartment(db: Db, factoryId: string, id: number) {
  return db.selectFrom('departments').selectAll().where('id', '=', id).where('factory_id', '=', factoryId).executeTakeFirst();
}

/**
 * Spec 001 `GET /api/departments/{department_id}`.
 * @throws AppError NOT_FOUND, also for another factory's department.
 */
export async function getDepartment(db: Db, factoryId: string, id: number): Promise<Department> {
  const row = await findDepartment(db, factoryId, id);
  if (!row) throw notFound('Department', id);
  return toDepartment(row);
}

/**
 * A branch factory (level 1) of the tenant, as contracts and assay data name it.
 * @throws AppError VALIDATION_FAILED naming `field` when there is none with that id.
 */
export async function requireBranch(db: Db, factoryId: string, id: number, field = 'factory_id'): Promise<void> {
  const row = await findDepartment(db, factoryId, id);
  if (!row || row.level !== BRANCH_LEVEL) throw badReference(field, '分厂不存在');
}

/** Level and parent after a write: level 2 needs a level-1 parent of the same factory, level 1 none. */
async function placement(db: Db, factoryId: string, level: number | undefined, parentId: number | null): Promise<1 | 2> {
  const effective = level ?? (parentId === null ? BRANCH_LEVEL : DEPARTMENT_LEVEL);
  if (effective === BRANCH_LEVEL) {
    if (parentId !== null) throw badReference('parent_id', '分厂不能有上级部门');
    return BRANCH_LEVEL;
  }
  if (parentId === null) throw badReference('parent_id', '部门必须属于一个分厂');
  await requireBranch(db, factoryId, parentId, 'parent_id');
  return DEPARTMENT_LEVEL;
}

/**
 * Creates a branch factory (no parent) or a department (parent = a branch factory).
 * @throws AppError VALIDATION_FAILED (parent missing, of another factory, or not a branch factory).
 */
export async function createDepartment(db: Db, factoryId: string, input: DepartmentWrite): Promise<Department> {
  const parentId = input.parent_id ?? null;
  const level = await placement(db, factoryId, input.level, parentId);
  const now = Date.now();
  const row = await db
    .insertInto('departments')
    .values({
      factory_id: factoryId,
      name: input.name,
      short_name: input.short_name ?? null,
      full_name: input.full_name ?? null,
      level,
      parent_id: parentId,
      phone: input.phone ?? null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toDepartment(row);
}

/**
 * Updates a department; a branch factory with departments cannot become a department.
 * @throws AppError NOT_FOUND, VALIDATION_FAILED, CONFLICT.
 */
export async function updateDepartment(db: Db, factoryId: string, id: number, input: Partial<DepartmentWrite>): Promise<Department> {
  const current = await findDepartment(db, factoryId, id);
  if (!current) throw notFound('Department', id);
  const parentId = input.parent_id !== undefined ? input.parent_id : current.parent_id;
  const level = await placement(db, factoryId, input.level ?? (input.parent_id !== undefined ? undefined : current.level), parentId);
  if (parentId === id) throw badReference('parent_id', '部门不能是自己的上级');
  if (level !== current.level && current.level === BRANCH_LEVEL) {
    const child = await db.selectFrom('departments').select('id').where('parent_id', '=', id).executeTakeFirst();
    if (child) throw inUse('分厂下仍有部门，不能改为部门');
  }
  const row = await db
    .updateTable('departments')
    .set({ ...defined({ ...input, level: undefined, parent_id: undefined }), level, parent_id: parentId, updated_at: Date.now() })
    .where('id', '=', id)
    .where('factory_id', '=', factoryId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toDepartment(row);
}

/**
 * Deletes a department that nothing refers to.
 * @throws AppError NOT_FOUND, CONFLICT (sub-departments, contracts or assay data still name it).
 */
export async function deleteDepartment(db: Db, factoryId: string, id: number): Promise<void> {
  if (!(await findDepartment(db, factoryId, id))) throw notFound('Department', id);
  const [child, contract, assay] = await Promise.all([
    db.selectFrom('departments').select('id').where('parent_id', '=', id).executeTakeFirst(),
    db.selectFrom('contracts').select('id').where('branch_id', '=', id).executeTakeFirst(),
    db.selectFrom('assay_data').select('id').where('branch_id', '=', id).executeTakeFirst(),
  ]);
  if (child || contract || assay) throw new AppError('CONFLICT', '部门仍被引用（下级部门、合同或化验数据），不能删除');
  await db.deleteFrom('departments').where('id', '=', id).where('factory_id', '=', factoryId).execute();
}
