import { apiRow } from './common.ts';
import { type Answer, defineTenantCrud, type TenantCrud, type WriteOf } from './tenant-crud.ts';

/**
 * Spec 001's materials and customers: the coded master records a contract names
 * (Contract.material_id, customer_id). Each one's `code` is unique in the factory (409
 * DUPLICATE_RESOURCE `code`, "物料代码已存在"), and it cannot be deleted while a contract names
 * it (409 CONFLICT, "客户已被合同引用，不能删除").
 */

/** Spec 001 Material.purpose. */
export const MATERIAL_PURPOSES = ['原料', '辅料', '产品', '其他'] as const;
/** Spec 001 Customer.customer_type. */
export const CUSTOMER_TYPES = ['原料供应', '产品采购', '辅料供应', '其他'] as const;

export type Material = Answer<'materials'>;
export type Customer = Answer<'customers'>;
type MaterialWrite = WriteOf<'materials', 'purpose'> & { purpose: (typeof MATERIAL_PURPOSES)[number] };
type CustomerWrite = WriteOf<'customers', 'customer_type'> & { customer_type: (typeof CUSTOMER_TYPES)[number] };

/**
 * One party table: `entity` names it in 404s, `zh` in the 409 messages; `fields` are the columns
 * answered, in the document's order, besides the ISO 8601 `created_at` and `updated_at`.
 */
function defineContractParty<T extends 'materials' | 'customers', Dto extends Answer<T> & { id: number }, Write>(
  table: T,
  o: { entity: string; zh: string; fields: readonly (keyof Dto & string)[] },
): TenantCrud<T, Dto, Write, void, Dto[]> {
  return defineTenantCrud<T, Dto, Write>({
    table,
    entity: o.entity,
    toDto: (r) => apiRow(r as any, o.fields) as unknown as Dto,
    unique: { field: 'code', message: `${o.zh}代码已存在` },
    deleteBlockedBy: { refs: [['contracts', `${table.slice(0, -1)}_id`]], message: `${o.zh}已被合同引用，不能删除` },
  });
}

/** Spec 001 `/api/materials`: the factory's materials by id. */
export const materials = defineContractParty<'materials', Material, MaterialWrite>('materials', {
  entity: 'Material',
  zh: '物料',
  fields: ['id', 'name', 'code', 'full_name', 'purpose'],
});

/** Spec 001 `/api/customers`: the factory's customers by id. */
export const customers = defineContractParty<'customers', Customer, CustomerWrite>('customers', {
  entity: 'Customer',
  zh: '客户',
  fields: ['id', 'name', 'code', 'full_name', 'customer_type', 'phone', 'address'],
});
