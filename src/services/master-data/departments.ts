import type { Db } from '../../db/connect.ts';
import { apiRow, badReference, defined, inUse } from './common.ts';
import { type Answer, defineTenantCrud, findOwned, type Tenant, type WriteOf } from './tenant-crud.ts';

/** Spec 001 Department.level: 1 branch factory (分厂), 2 department under a branch factory. */
export const BRANCH_LEVEL = 1;
export const DEPARTMENT_LEVEL = 2;

/** `level` is optional: derived from parent_id when absent. */
export type DepartmentWrite = WriteOf<'departments', 'level'> & { level?: 1 | 2 | undefined };

export type Department = Answer<'departments'>;

/**
 * A branch factory (level 1) of the tenant, as contracts and assay data name it.
 * @throws AppError VALIDATION_FAILED naming `field` when there is none with that id.
 */
export async function requireBranch(db: Db, tenant: Tenant, id: number, field = 'factory_id'): Promise<void> {
  const row = await findOwned(db, 'departments', tenant, id);
  if (!row || row.level !== BRANCH_LEVEL) throw badReference(field, '分厂不存在');
}

/** Level after a write: level 2 needs a level-1 parent of the same factory, level 1 none. */
async function placement(db: Db, tenant: Tenant, level: number | undefined, parentId: number | null): Promise<1 | 2> {
  const effective = level ?? (parentId === null ? BRANCH_LEVEL : DEPARTMENT_LEVEL);
  if (effective === BRANCH_LEVEL) {
    if (parentId !== null) throw badReference('parent_id', '分厂不能有上级部门');
    return BRANCH_LEVEL;
  }
  if (parentId === null) throw badReference('parent_id', '部门必须属于一个分厂');
  await requireBranch(db, tenant, parentId, 'parent_id');
  return DEPARTMENT_LEVEL;
}

/**
 * Spec 001 `/api/departments`: branch factories (no parent) and their departments (parent = a
 * branch factory of the same factory), listed parents first. A branch factory with departments
 * cannot become a department; a department anything names cannot be deleted.
 * @throws AppError VALIDATION_FAILED (parent missing, of another factory, not a branch factory,
 *   itself), CONFLICT.
 */
export const departments = defineTenantCrud<'departments', Department, DepartmentWrite>({
  table: 'departments',
  entity: 'Department',
  toDto: (r) => apiRow(r, ['id', 'name', 'short_name', 'full_name', 'level', 'parent_id', 'phone']),
  list: async (rows, _query, toDto) => (await rows.selectAll().orderBy('level').orderBy('id').execute()).map(toDto),
  async columns(input, { db, factoryId, current }) {
    const parentId = input.parent_id !== undefined ? input.parent_id : (current?.parent_id ?? null);
    const level = await placement(db, factoryId, input.level ?? (input.parent_id !== undefined ? undefined : current?.level), parentId);
    if (current && parentId === current.id) throw badReference('parent_id', '部门不能是自己的上级');
    if (current && level !== current.level && current.level === BRANCH_LEVEL) {
      const child = await db.selectFrom('departments').select('id').where('parent_id', '=', current.id).executeTakeFirst();
      if (child) throw inUse('分厂下仍有部门，不能改为部门');
    }
    return { ...defined({ ...input, level: undefined, parent_id: undefined }), level, parent_id: parentId };
  },
  deleteBlockedBy: {
    refs: [
      ['departments', 'parent_id'],
      ['contracts', 'branch_id'],
      ['assay_data', 'branch_id'],
    ],
    message: '部门仍被引用（下级部门、合同或化验数据），不能删除',
  },
});

/** For seeds and test fixtures. */
export const createDepartment = departments.create;
