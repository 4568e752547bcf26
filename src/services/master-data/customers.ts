import { apiRow } from './common.ts';
import { type Answer, defineTenantCrud, type WriteOf } from './tenant-crud.ts';

/** Spec 001 Customer.customer_type. */
export const CUSTOMER_TYPES = ['原料供应', '产品采购', '辅料供应', '其他'] as const;

export type CustomerWrite = WriteOf<'customers', 'customer_type'> & { customer_type: (typeof CUSTOMER_TYPES)[number] };

export type Customer = Answer<'customers'>;

/**
 * Spec 001 `/api/customers`: the factory's customers by id; the code is unique in the factory
 * (409 DUPLICATE_RESOURCE `code`), and a customer a contract names cannot be deleted (409 CONFLICT).
 */
export const customers = defineTenantCrud<'customers', Customer, CustomerWrite>({
  table: 'customers',
  entity: 'Customer',
  toDto: (r) => apiRow(r, ['id', 'name', 'code', 'full_name', 'customer_type', 'phone', 'address']),
  unique: { field: 'code', message: '客户代码已存在' },
  deleteBlockedBy: { refs: [['contracts', 'customer_id']], message: '客户已被合同引用，不能删除' },
});

/** For seeds and test fixtures. */
export const createCustomer = customers.create;
