import { apiRow } from './common.ts';
import { type Answer, defineTenantCrud, type WriteOf } from './tenant-crud.ts';

/** Spec 001 Material.purpose. */
export const MATERIAL_PURPOSES = ['原料', '辅料', '产品', '其他'] as const;

export type MaterialWrite = WriteOf<'materials', 'purpose'> & { purpose: (typeof MATERIAL_PURPOSES)[number] };

export type Material = Answer<'materials'>;

/**
 * Spec 001 `/api/materials`: the factory's materials by id; the code is unique in the factory
 * (409 DUPLICATE_RESOURCE `code`), and a material a contract names cannot be deleted (409 CONFLICT).
 */
export const materials = defineTenantCrud<'materials', Material, MaterialWrite>({
  table: 'materials',
  entity: 'Material',
  toDto: (r) => apiRow(r, ['id', 'name', 'code', 'full_name', 'purpose']),
  unique: { field: 'code', message: '物料代码已存在' },
  deleteBlockedBy: { refs: [['contracts', 'material_id']], message: '物料已被合同引用，不能删除' },
});

/** For seeds and test fixtures. */
export const createMaterial = materials.create;
