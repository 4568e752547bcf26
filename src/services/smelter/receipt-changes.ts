import type { Selectable, Transaction } from 'kysely';
import type { Database, ReceiptsTable } from '../../../db/database.ts';
import type { Db } from '../../db/connect.ts';
import { defined, inUse } from '../master-data/common.ts';
import { requireOwned } from '../master-data/tenant-crud.ts';
import { type Actor, recordAudit } from './audit.ts';
import { fromGrams } from './decimal.ts';
import { findReceiptRow, type Receipt, type ReceiptWrite, toReceipt, weights } from './receipts.ts';

/**
 * The changes of a receipt after weighing (issue 15): corrections, the state steps received →
 * sampled → assayed, deletion. Each runs in one transaction with its audit log; a settled
 * receipt takes none of them.
 */

type Patch = Partial<Omit<ReceiptWrite, 'contract_id'>>;

/** Applies a change to an unsettled receipt and logs it (`state` when the status changes). */
async function change(
  db: Db,
  actor: Actor,
  id: number,
  build: (current: Selectable<ReceiptsTable>, trx: Transaction<Database>) => Promise<Record<string, unknown>>,
) {
  return db.transaction().execute(async (trx) => {
    const current = await findReceiptRow(trx, actor.factoryId, id);
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
    await requireOwned(trx, 'materials', actor, patch.material_id, 'material_id', '物料不存在');
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
    await requireOwned(trx, 'assay_data', actor, assayId, 'assay_id', '化验数据不存在');
    return { status: 'assayed', assay_id: assayId };
  });
}

/**
 * `DELETE /api/receipts/{id}`: removes an unsettled receipt, logged.
 * @throws AppError NOT_FOUND, CONFLICT (settled).
 */
export function deleteReceipt(db: Db, actor: Actor, id: number): Promise<void> {
  return db.transaction().execute(async (trx) => {
    const current = await findReceiptRow(trx, actor.factoryId, id);
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
