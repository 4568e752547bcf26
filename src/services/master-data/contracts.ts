import type { Db } from '../../db/connect.ts';
import { auditTrail } from '../smelter/audit.ts';
import { type ContractTerms, checkTerms, termsOf, termsToColumns } from '../smelter/contract-terms.ts';
import { badReference, defined, isoSeconds } from './common.ts';
import { requireBranch } from './departments.ts';
import { type Caller, defineTenantCrud, type Row, requireOwned } from './tenant-crud.ts';

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

function toContract(r: Row<'contracts'>): Contract {
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

/** Every id the contract names must be a row of the same factory. */
async function checkReferences(db: Db, factoryId: string, input: Partial<ContractWrite>): Promise<void> {
  await requireOwned(db, 'customers', factoryId, input.customer_id, 'customer_id', '客户不存在');
  await requireOwned(db, 'materials', factoryId, input.material_id, 'material_id', '物料不存在');
  await requireOwned(db, 'users', factoryId, input.responsible_id, 'responsible_id', '负责人不存在');
  if (input.factory_id !== null && input.factory_id !== undefined) await requireBranch(db, factoryId, input.factory_id);
}

function toColumns(input: Partial<ContractWrite>, current?: ContractTerms) {
  const { factory_id, unit_price, processing_fee, metal_type, quote_start_date, quote_end_date, deductions, credits, ...rest } = input;
  const terms = { unit_price, processing_fee, metal_type, quote_start_date, quote_end_date, deductions, credits };
  return { ...defined({ ...rest, branch_id: factory_id }), ...termsToColumns(terms, current) };
}

/**
 * Spec 001 `/api/contracts` with issue 15's pricing terms: the factory's contracts by id,
 * optionally by status. Every write is checked against the stored contract it changes: the rows
 * it names must be the factory's, expiry not before signing, the pricing terms consistent
 * (src/services/smelter/contract-terms.ts checkTerms). A caller's changes are audited (`state`
 * when the status changes); a contract with receipts cannot be deleted.
 * @throws AppError DUPLICATE_RESOURCE (contract_number in the factory), VALIDATION_FAILED, CONFLICT.
 */
export const contracts = defineTenantCrud<'contracts', Contract, ContractWrite, { status?: string | undefined }>({
  table: 'contracts',
  entity: 'Contract',
  toDto: toContract,
  list: async (rows, { status }, toDto) => {
    const filtered = status ? rows.where('status', '=', status) : rows;
    return (await filtered.selectAll().orderBy('id').execute()).map(toDto);
  },
  async columns(input, { db, factoryId, current }) {
    await checkReferences(db, factoryId, input);
    const sign = input.sign_date === undefined ? current?.sign_date : input.sign_date;
    const expiry = input.expiry_date === undefined ? current?.expiry_date : input.expiry_date;
    if (sign && expiry && expiry < sign) throw badReference('expiry_date', '到期日期不能早于签订日期');
    const stored = current && termsOf(current);
    checkTerms({ ...stored, ...defined(input) });
    return toColumns(input, stored);
  },
  unique: { field: 'contract_number', message: '合同编号已存在' },
  deleteBlockedBy: { refs: [['receipts', 'contract_id']], message: '合同下已有收货单，不能删除' },
  afterWrite: auditTrail<Contract>(
    'contract',
    (c) => c.id,
    (c) => c.status,
  ),
});

/** For seeds and test fixtures. */
export const createContract = contracts.create;

/** Archives a contract (status 归档): no receipt may be added to it nor settled under it. @throws AppError NOT_FOUND. */
export function archiveContract(db: Db, caller: Caller, id: number): Promise<Contract> {
  return contracts.update(db, caller, id, { status: '归档' });
}
