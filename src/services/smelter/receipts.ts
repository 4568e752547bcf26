import type { Selectable, Transaction } from 'kysely';
import type { Database, ReceiptsTable } from '../../../db/database.ts';
import type { Db } from '../../db/connect.ts';
import { notFound } from '../../errors.ts';
import { badReference, inUse, isoSeconds, paginate } from '../master-data/common.ts';
import { findOwned, requireOwned, type Tenant, tenantRows } from '../master-data/tenant-crud.ts';
import { type Actor, auditCreated } from './audit.ts';
import { fromGrams, kgToGrams } from './decimal.ts';

/** A receipt's states, in order (issue 15): weighed, sampled, assayed, settled. */
export const RECEIPT_STATUSES = ['received', 'sampled', 'assayed', 'settled'] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];

/** A receipt as weighed: weights in kg with at most 3 decimals, `weighed_at` ISO 8601. */
export interface ReceiptWrite {
  contract_id: number;
  material_id?: number | null | undefined;
  vehicle_plate: string;
  gross_weight: number;
  tare_weight: number;
  weighed_at: string;
  weighbridge_operator: string;
  remarks?: string | null | undefined;
}

export interface Receipt {
  id: number;
  contract_id: number;
  material_id: number | null;
  vehicle_plate: string;
  /** kg */
  gross_weight: number;
  tare_weight: number;
  net_weight: number;
  weighed_at: string;
  weighbridge_operator: string;
  status: ReceiptStatus;
  sample_name: string | null;
  assay_id: number | null;
  settlement_id: number | null;
  remarks: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

const num = (v: number | null) => (v === null ? null : Number(v));

/** A stored row as the API shows it (grams → kg). */
export function toReceipt(r: Selectable<ReceiptsTable>): Receipt {
  return {
    id: r.id,
    contract_id: Number(r.contract_id),
    material_id: num(r.material_id),
    vehicle_plate: r.vehicle_plate,
    gross_weight: fromGrams(r.gross_weight_g).toNumber(),
    tare_weight: fromGrams(r.tare_weight_g).toNumber(),
    net_weight: fromGrams(r.net_weight_g).toNumber(),
    weighed_at: isoSeconds(r.weighed_at),
    weighbridge_operator: r.weighbridge_operator,
    status: r.status as ReceiptStatus,
    sample_name: r.sample_name,
    assay_id: num(r.assay_id),
    settlement_id: num(r.settlement_id),
    remarks: r.remarks,
    created_by: num(r.created_by),
    created_at: isoSeconds(r.created_at),
    updated_at: isoSeconds(r.updated_at),
  };
}

/** Gross and tare in kg → the three weight columns in grams. @throws AppError VALIDATION_FAILED when tare ≥ gross. */
export function weights(gross: number, tare: number) {
  const g = kgToGrams(gross);
  const t = kgToGrams(tare);
  if (t >= g) throw badReference('tare_weight', '皮重必须小于毛重');
  return { gross_weight_g: g, tare_weight_g: t, net_weight_g: g - t };
}

/** The stored row of a receipt of the factory. @throws AppError NOT_FOUND. */
export async function findReceiptRow(db: Db, factoryId: Tenant, id: number) {
  const row = await findOwned(db, 'receipts', factoryId, id);
  if (!row) throw notFound('Receipt', id);
  return row;
}

/** @throws AppError NOT_FOUND, also for another factory's receipt. */
export async function getReceipt(db: Db, factoryId: Tenant, id: number): Promise<Receipt> {
  return toReceipt(await findReceiptRow(db, factoryId, id));
}

export interface ReceiptQuery {
  contract_id?: number | undefined;
  status?: ReceiptStatus | undefined;
  page: number;
  per_page: number;
}

/**
 * `GET /api/receipts`: the factory's receipts, newest weighing first, paged (`per_page` ≤ 100).
 * @returns `{receipts, total, pages, current_page}`.
 */
export async function listReceipts(db: Db, factoryId: Tenant, query: ReceiptQuery) {
  let base = tenantRows(db, 'receipts', factoryId);
  if (query.contract_id !== undefined) base = base.where('contract_id', '=', query.contract_id);
  if (query.status) base = base.where('status', '=', query.status);
  const { rows, ...counts } = await paginate(base, query, 100, (q) => q.selectAll().orderBy('weighed_at', 'desc').orderBy('id', 'desc'));
  return { receipts: rows.map(toReceipt), ...counts };
}

/**
 * Records a weighed truckload (state `received`) in the caller's transaction, and its audit log.
 * Net weight = gross − tare, in grams. The material defaults to the contract's.
 * @throws AppError VALIDATION_FAILED (contract or material not of the factory, tare ≥ gross),
 *   CONFLICT (the contract is archived).
 */
export async function insertReceipt(trx: Transaction<Database>, actor: Actor, input: ReceiptWrite): Promise<Receipt> {
  const contract = await findOwned(trx, 'contracts', actor, input.contract_id);
  if (!contract) throw badReference('contract_id', '合同不存在');
  if (contract.status !== '执行') throw inUse('合同已归档，不能登记收货');
  const materialId = input.material_id ?? contract.material_id;
  await requireOwned(trx, 'materials', actor, materialId, 'material_id', '物料不存在');
  const now = Date.now();
  const row = await trx
    .insertInto('receipts')
    .values({
      factory_id: actor.factoryId,
      contract_id: input.contract_id,
      material_id: materialId ?? null,
      vehicle_plate: input.vehicle_plate,
      ...weights(input.gross_weight, input.tare_weight),
      weighed_at: Date.parse(input.weighed_at),
      weighbridge_operator: input.weighbridge_operator,
      remarks: input.remarks ?? null,
      created_by: actor.id,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const after = toReceipt(row);
  await auditCreated(trx, actor, 'receipt', after);
  return after;
}

/** `POST /api/receipts`: insertReceipt in its own transaction. */
export function createReceipt(db: Db, actor: Actor, input: ReceiptWrite): Promise<Receipt> {
  return db.transaction().execute((trx) => insertReceipt(trx, actor, input));
}
