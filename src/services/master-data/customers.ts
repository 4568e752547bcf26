import type { Selectable } from 'kysely';
import type { CustomersTable } from '../../../db/database.ts';
import type { Db } from '../../db/connect.ts';
import { notFound } from '../../errors.ts';
import { defined, inUse, isoSeconds, uniqueOr409 } from './common.ts';

/** Spec 001 Customer.customer_type. */
export const CUSTOMER_TYPES = ['原料供应', '产品采购', '辅料供应', '其他'] as const;

export interface CustomerWrite {
  name: string;
  code: string;
  full_name?: string | null | undefined;
  customer_type: (typeof CUSTOMER_TYPES)[number];
  phone?: string | null | undefined;
  address?: string | null | undefined;
}

export interface Customer {
  id: number;
  name: string;
  code: string;
  full_name: string | null;
  customer_type: string;
  phone: string | null;
  address: string | null;
  created_at: string;
  updated_at: string;
}

function toCustomer(r: Selectable<CustomersTable>): Customer {
  return {
    id: r.id,
    name: r.name,
    code: r.code,
    full_name: r.full_name,
    customer_type: r.customer_type,
    phone: r.phone,
    address: r.address,
    created_at: isoSeconds(r.created_at),
    updated_at: isoSeconds(r.updated_at),
  };
}

const DUPLICATE = '客户代码已存在';

/** Spec 001 `GET /api/customers`: the factory's customers by id. */
export async function listCustomers(db: Db, factoryId: string): Promise<Customer[]> {
  const rows = await db.selectFrom('customers').selectAll().where('factory_id', '=', factoryId).orderBy('id').execute();
  return rows.map(toCustomer);
}

/**
 * Spec 001 `GET /api/customers/{customer_id}`.
 * @throws AppError NOT_FOUND, also for another factory's customer.
 */
export async function getCustomer(db: Db, factoryId: string, id: number): Promise<Customer> {
  const row = await db.selectFrom('customers').selectAll().where('id', '=', id).where('factory_id', '=', factoryId).executeTakeFirst();
  if (!row) throw notFound('Customer', id);
  return toCustomer(row);
}

/**
 * Spec 001 `POST /api/customers`.
 * @throws AppError DUPLICATE_RESOURCE when the code exists in the factory.
 */
export async function createCustomer(db: Db, factoryId: string, input: CustomerWrite): Promise<Customer> {
  const now = Date.now();
  const row = await uniqueOr409(
    () =>
      db
        .insertInto('customers')
        .values({
          factory_id: factoryId,
          ...input,
          full_name: input.full_name ?? null,
          phone: input.phone ?? null,
          address: input.address ?? null,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    DUPLICATE,
    'code',
  );
  return toCustomer(row);
}

/**
 * Spec 001 `PUT /api/customers/{customer_id}`: only the fields sent change.
 * @throws AppError NOT_FOUND, DUPLICATE_RESOURCE.
 */
export async function updateCustomer(db: Db, factoryId: string, id: number, input: Partial<CustomerWrite>): Promise<Customer> {
  const row = await uniqueOr409(
    () =>
      db
        .updateTable('customers')
        .set({ ...defined(input), updated_at: Date.now() })
        .where('id', '=', id)
        .where('factory_id', '=', factoryId)
        .returningAll()
        .executeTakeFirst(),
    DUPLICATE,
    'code',
  );
  if (!row) throw notFound('Customer', id);
  return toCustomer(row);
}

/**
 * Spec 001 `DELETE /api/customers/{customer_id}`.
 * @throws AppError NOT_FOUND, CONFLICT while a contract names the customer.
 */
export async function deleteCustomer(db: Db, factoryId: string, id: number): Promise<void> {
  await getCustomer(db, factoryId, id);
  const used = await db.selectFrom('contracts').select('id').where('customer_id', '=', id).executeTakeFirst();
  if (used) throw inUse('客户已被合同引用，不能删除');
  await db.deleteFrom('customers').where('id', '=', id).where('factory_id', '=', factoryId).execute();
}
