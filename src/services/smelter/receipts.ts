import type { Selectable, Transaction } from 'kysely';
import type { Database, ReceiptsTable } from '../../../db/database.ts';
import type { Db } from '../../db/connect.ts';
import { countAll } from '../../db/sql.ts';
import { notFound } from '../../errors.ts';
import { badReference, defined, inUse, isoSeconds } from '../admin/common.ts';
import { type Actor, recordAudit } from './audit.ts';
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

function weights(gross: number, tare: number) {
  const g = kgToGrams(gross);
  const t = kgToGrams(tare);
  if (t >= g) throw badReference('tare_weight', '皮重必须小于毛重');
  return { gross_weight_g: g, tare_weight_g: t, net_weight_g: g - t };
}

async function findRow(db: Db, factoryId: string, id: number) {
  const row = await db.selectFrom('receipts').selectAll().where('id', '=', id).where('factory_id', '=', factoryId).executeTakeFirst();
  if (!row) throw notFound('Receipt', id);
  return row;
}

/** @throws AppError NOT_FOUND, also for another factory's receipt. */
export async function getReceipt(db: Db, factoryId: string, id: number): Promise<Receipt> {
  return toReceipt(await findRow(db, factoryId, id));
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
export async function listReceipts(db: Db, factoryId: string, query: ReceiptQuery) {
  const perPage = Math.min(query.per_page, 100);
  let base = db.selectFrom('receipts').where('factory_id', '=', factoryId);
  if (query.contract_id !== undefined) base = base.where('contract_id', '=', query.contract_id);
  if (query.status) base = base.where('status', '=', query.status);
  const { total } = await base.select(countAll.as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll()
    .orderBy('weighed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(perPage)
    .offset((query.page - 1) * perPage)
    .execute();
  return { receipts: rows.map(toReceipt), total: Number(total), pages: Math.ceil(Number(total) / perPage), current_page: query.page };
}

/**
 * Records a weighed truckload (state `received`) in the caller's transaction, and its audit log.
 * Net weight = gross − tare, in grams. The material defaults to the contract's.
 * @throws AppError VALIDATION_FAILED (contract or material not of the factory, tare ≥ gross),
 *   CONFLICT (the contract is archived).
 */
export async function insertReceipt(trx: Transaction<Database>, actor: Actor, input: ReceiptWrite): Promise<Receipt> {
  const contract = await trx
    .selectFrom('contracts')
    .select(['id', 'status', 'material_id'])
    .where('id', '=', input.contract_id)
    .where('factory_id', '=', actor.factoryId)
    .executeTakeFirst();
  if (!contract) throw badReference('contract_id', '合同不存在');
  if (contract.status !== '执行') throw inUse('合同已归档，不能登记收货');
  const materialId = input.material_id ?? contract.material_id;
  if (materialId !== null && materialId !== undefined) {
    const m = await trx
      .selectFrom('materials')
      .select('id')
      .where('id', '=', materialId)
      .where('factory_id', '=', actor.factoryId)
      .executeTakeFirst();
    if (!m) throw badReference('material_id', '物料不存在');
  }
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
  await recordAudit(trx, actor, {
    entity_type: 'receipt',
    entity_id: after.id,
    contract_id: after.contract_id,
    action: 'create',
    before: null,
    after,
  });
  return after;
}

/** `POST /api/receipts`: insertReceipt in its own transaction. */
export function createReceipt(db: Db, actor: Actor, input: ReceiptWrite): Promise<Receipt> {
  return db.transaction().execute((trx) => insertReceipt(trx, actor, input));
}

type Patch = Partial<Omit<ReceiptWrite, 'contract_id'>>;

/** Applies a change to an unsettled receipt and logs it (`state` when the status changes). */
async function change(
  db: Db,
  actor: Actor,
  id: number,
  build: (current: Selectable<ReceiptsTable>, trx: Transaction<Database>) => Promise<Record<string, unknown>>,
) {
  return db.transaction().execute(async (trx) => {
    const current = await findRow(trx, actor.factoryId, id);
    if (current.status === 'settled') throw inUse('收货单已结算，不能修改');
    const set = await build(current, trx);
    const row = await trx
      .updateTable('receipts')
      .set({ ...set, updated_at: Date.now() })
      .where('id', '=', id)
      .where('factory_id', '=', actor.factoryId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const before = toReceipt(current);
    const after = toReceipt(row);
    const action = before.status === after.status ? 'update' : 'state';
    await recordAudit(trx, actor, { entity_type: 'receipt', entity_id: id, contract_id: after.contract_id, action, before, after });
    return after;
  });
}

/**
 * `PUT /api/receipts/{id}`: corrects the weighing of an unsettled receipt.
 * @throws AppError NOT_FOUND, VALIDATION_FAILED, CONFLICT (settled).
 */
export function updateReceipt(db: Db, actor: Actor, id: number, patch: Patch): Promise<Receipt> {
  return change(db, actor, id, async (current, trx) => {
    if (patch.material_id !== undefined && patch.material_id !== null) {
      const m = await trx
        .selectFrom('materials')
        .select('id')
        .where('id', '=', patch.material_id)
        .where('factory_id', '=', actor.factoryId)
        .executeTakeFirst();
      if (!m) throw badReference('material_id', '物料不存在');
    }
    const gross = patch.gross_weight ?? fromGrams(current.gross_weight_g).toNumber();
    const tare = patch.tare_weight ?? fromGrams(current.tare_weight_g).toNumber();
    return {
      ...defined({
        material_id: patch.material_id,
        vehicle_plate: patch.vehicle_plate,
        weighbridge_operator: patch.weighbridge_operator,
        remarks: patch.remarks,
      }),
      ...(patch.weighed_at === undefined ? {} : { weighed_at: Date.parse(patch.weighed_at) }),
      ...weights(gross, tare),
    };
  });
}

/**
 * `POST /api/receipts/{id}/sample`: received → sampled, naming the sample taken.
 * @throws AppError NOT_FOUND, CONFLICT (not in state received).
 */
export function sampleReceipt(db: Db, actor: Actor, id: number, sampleName: string): Promise<Receipt> {
  return change(db, actor, id, async (current) => {
    if (current.status !== 'received') throw inUse('只有已收货的收货单可以取样');
    return { status: 'sampled', sample_name: sampleName };
  });
}

/**
 * `POST /api/receipts/{id}/assay`: sampled → assayed, linking the spec 001 assay record of its
 * sample; an assayed receipt may be re-linked until settled.
 * @throws AppError NOT_FOUND, VALIDATION_FAILED (assay not of the factory), CONFLICT (not sampled).
 */
export function assayReceipt(db: Db, actor: Actor, id: number, assayId: number): Promise<Receipt> {
  return change(db, actor, id, async (current, trx) => {
    if (current.status !== 'sampled' && current.status !== 'assayed') throw inUse('收货单尚未取样');
    const a = await trx
      .selectFrom('assay_data')
      .select('id')
      .where('id', '=', assayId)
      .where('factory_id', '=', actor.factoryId)
      .executeTakeFirst();
    if (!a) throw badReference('assay_id', '化验数据不存在');
    return { status: 'assayed', assay_id: assayId };
  });
}

/**
 * `DELETE /api/receipts/{id}`: removes an unsettled receipt, logged.
 * @throws AppError NOT_FOUND, CONFLICT (settled).
 */
export function deleteReceipt(db: Db, actor: Actor, id: number): Promise<void> {
  return db.transaction().execute(async (trx) => {
    const current = await findRow(trx, actor.factoryId, id);
    if (current.status === 'settled') throw inUse('收货单已结算，不能删除');
    await trx.deleteFrom('receipts').where('id', '=', id).where('factory_id', '=', actor.factoryId).execute();
    const before = toReceipt(current);
    await recordAudit(trx, actor, {
      entity_type: 'receipt',
      entity_id: id,
      contract_id: before.contract_id,
      action: 'delete',
      before,
      after: null,
    });
  });
}
