import type { Selectable } from 'kysely';
import type { ContractsTable } from '../../../db/database.ts';
import type { Db } from '../../db/connect.ts';
import { notFound } from '../../errors.ts';
import { type ContractTerms, checkTerms, termsOf, termsToColumns } from '../smelter/contract-terms.ts';
import { badReference, defined, isoSeconds, uniqueOr409 } from './common.ts';
import { requireBranch } from './departments.ts';

/** Spec 001 Contract enumerations. */
export const CONTRACT_TYPES = ['原料采购', '辅料采购', '产品销售', '其他'] as const;
export const PRICING_METHODS = ['weight', 'content', 'processing', 'gross_weight'] as const;
export const CONTRACT_STATUSES = ['执行', '归档'] as const;

/**
 * A contract as written; `factory_id` is spec 001's branch factory (a level-1 department). The
 * pricing terms (unit price, processing fee, quotation period, deductions, credits) are issue 15's.
 */
export interface ContractWrite extends Partial<ContractTerms> {
  contract_type: (typeof CONTRACT_TYPES)[number];
  contract_number: string;
  customer_id?: number | null | undefined;
  material_id?: number | null | undefined;
  factory_id?: number | null | undefined;
  responsible_id?: number | null | undefined;
  /** YYYY-MM-DD */
  sign_date?: string | null | undefined;
  expiry_date?: string | null | undefined;
  /** Fraction, 0.13 for 13 %. */
  tax_rate?: number | undefined;
  pricing_method: (typeof PRICING_METHODS)[number];
  coefficient?: number | null | undefined;
  status?: (typeof CONTRACT_STATUSES)[number] | undefined;
}

export interface Contract extends ContractTerms {
  id: number;
  contract_type: string;
  contract_number: string;
  customer_id: number | null;
  material_id: number | null;
  factory_id: number | null;
  responsible_id: number | null;
  sign_date: string | null;
  expiry_date: string | null;
  tax_rate: number;
  pricing_method: string;
  coefficient: number | null;
  status: string;
  created_at: string;
  updated_at: string;
}

function toContract(r: Selectable<ContractsTable>): Contract {
  return {
    id: r.id,
    contract_type: r.contract_type,
    contract_number: r.contract_number,
    customer_id: r.customer_id,
    material_id: r.material_id,
    factory_id: r.branch_id,
    responsible_id: r.responsible_id,
    sign_date: r.sign_date,
    expiry_date: r.expiry_date,
    tax_rate: r.tax_rate,
    pricing_method: r.pricing_method,
    coefficient: r.coefficient,
    status: r.status,
    ...termsOf(r),
    created_at: isoSeconds(r.created_at),
    updated_at: isoSeconds(r.updated_at),
  };
}

const DUPLICATE = '合同编号已存在';

/** Spec 001 `GET /api/contracts`: the factory's contracts, optionally by status. */
export async function listContracts(db: Db, factoryId: string, filter: { status?: string | undefined } = {}): Promise<Contract[]> {
  let q = db.selectFrom('contracts').selectAll().where('factory_id', '=', factoryId);
  if (filter.status) q = q.where('status', '=', filter.status);
  return (await q.orderBy('id').execute()).map(toContract);
}

async function findContract(db: Db, factoryId: string, id: number) {
  const row = await db.selectFrom('contracts').selectAll().where('id', '=', id).where('factory_id', '=', factoryId).executeTakeFirst();
  if (!row) throw notFound('Contract', id);
  return row;
}

/** @throws AppError NOT_FOUND, also for another factory's contract. */
export async function getContract(db: Db, factoryId: string, id: number): Promise<Contract> {
  return toContract(await findContract(db, factoryId, id));
}

/** Every id the contract names must be a row of the same factory. */
async function checkReferences(db: Db, factoryId: string, input: Partial<ContractWrite>): Promise<void> {
  const owned = async (table: 'customers' | 'materials' | 'users', id: number | null | undefined, field: string, message: string) => {
    if (id === null || id === undefined) return;
    const row = await db.selectFrom(table).select('id').where('id', '=', id).where('factory_id', '=', factoryId).executeTakeFirst();
    if (!row) throw badReference(field, message);
  };
  await owned('customers', input.customer_id, 'customer_id', '客户不存在');
  await owned('materials', input.material_id, 'material_id', '物料不存在');
  await owned('users', input.responsible_id, 'responsible_id', '负责人不存在');
  if (input.factory_id !== null && input.factory_id !== undefined) await requireBranch(db, factoryId, input.factory_id);
}

function checkDates(sign: string | null | undefined, expiry: string | null | undefined): void {
  if (sign && expiry && expiry < sign) throw badReference('expiry_date', '到期日期不能早于签订日期');
}

function toColumns(input: Partial<ContractWrite>, current?: ContractTerms) {
  const { factory_id, unit_price, processing_fee, metal_type, quote_start_date, quote_end_date, deductions, credits, ...rest } = input;
  const terms = { unit_price, processing_fee, metal_type, quote_start_date, quote_end_date, deductions, credits };
  return { ...defined({ ...rest, branch_id: factory_id }), ...termsToColumns(terms, current) };
}

/**
 * Creates a contract.
 * @throws AppError DUPLICATE_RESOURCE (contract_number in the factory), VALIDATION_FAILED (a
 *   reference to a row the factory does not have, expiry before signing, inconsistent pricing
 *   terms: src/services/smelter/contract-terms.ts checkTerms).
 */
export async function createContract(db: Db, factoryId: string, input: ContractWrite): Promise<Contract> {
  await checkReferences(db, factoryId, input);
  checkDates(input.sign_date, input.expiry_date);
  checkTerms(input);
  const now = Date.now();
  const row = await uniqueOr409(
    () =>
      db
        .insertInto('contracts')
        .values({
          ...toColumns(input),
          contract_type: input.contract_type,
          contract_number: input.contract_number,
          pricing_method: input.pricing_method,
          factory_id: factoryId,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    DUPLICATE,
    'contract_number',
  );
  return toContract(row);
}

/**
 * Updates the fields sent; the pricing terms are checked against the merged contract.
 * @throws AppError NOT_FOUND, DUPLICATE_RESOURCE, VALIDATION_FAILED.
 */
export async function updateContract(db: Db, factoryId: string, id: number, input: Partial<ContractWrite>): Promise<Contract> {
  const current = await findContract(db, factoryId, id);
  await checkReferences(db, factoryId, input);
  checkDates(
    input.sign_date === undefined ? current.sign_date : input.sign_date,
    input.expiry_date === undefined ? current.expiry_date : input.expiry_date,
  );
  const stored = termsOf(current);
  checkTerms({ ...stored, ...defined(input) });
  const row = await uniqueOr409(
    () =>
      db
        .updateTable('contracts')
        .set({ ...toColumns(input, stored), updated_at: Date.now() })
        .where('id', '=', id)
        .where('factory_id', '=', factoryId)
        .returningAll()
        .executeTakeFirstOrThrow(),
    DUPLICATE,
    'contract_number',
  );
  return toContract(row);
}

/** @throws AppError NOT_FOUND. */
export async function deleteContract(db: Db, factoryId: string, id: number): Promise<void> {
  await findContract(db, factoryId, id);
  await db.deleteFrom('contracts').where('id', '=', id).where('factory_id', '=', factoryId).execute();
}
