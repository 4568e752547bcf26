import type { Db } from '../../db/connect.ts';
import { type Assay, type AssayWrite, createAssay, deleteAssay, getAssay, updateAssay } from '../master-data/assay-data.ts';
import { inUse } from '../master-data/common.ts';
import {
  type Contract,
  type ContractWrite,
  createContract,
  deleteContract,
  getContract,
  updateContract,
} from '../master-data/contracts.ts';
import { type Actor, recordAudit } from './audit.ts';

/**
 * Spec 001's contract and assay writes with issue 15's audit trail: each runs the master-data
 * service and writes its audit log in one transaction, so a change without its log (or a log of
 * a change that rolled back) cannot exist.
 */

/** Creates a contract and logs it. @throws as createContract. */
export function createContractAudited(db: Db, actor: Actor, input: ContractWrite): Promise<Contract> {
  return db.transaction().execute(async (trx) => {
    const after = await createContract(trx, actor.factoryId, input);
    await recordAudit(trx, actor, {
      entity_type: 'contract',
      entity_id: after.id,
      contract_id: after.id,
      action: 'create',
      before: null,
      after,
    });
    return after;
  });
}

/** Updates a contract and logs before/after; a status change is logged as `state`. @throws as updateContract. */
export function updateContractAudited(db: Db, actor: Actor, id: number, patch: Partial<ContractWrite>): Promise<Contract> {
  return db.transaction().execute(async (trx) => {
    const before = await getContract(trx, actor.factoryId, id);
    const after = await updateContract(trx, actor.factoryId, id, patch);
    const action = before.status !== after.status ? 'state' : 'update';
    await recordAudit(trx, actor, { entity_type: 'contract', entity_id: id, contract_id: id, action, before, after });
    return after;
  });
}

/** Archives a contract (status 归档): no receipt may be added to it nor settled under it. @throws AppError NOT_FOUND. */
export function archiveContract(db: Db, actor: Actor, id: number): Promise<Contract> {
  return updateContractAudited(db, actor, id, { status: '归档' });
}

/**
 * Deletes a contract that has no receipts nor settlements, and logs it.
 * @throws AppError NOT_FOUND, CONFLICT (receipts exist).
 */
export function deleteContractAudited(db: Db, actor: Actor, id: number): Promise<void> {
  return db.transaction().execute(async (trx) => {
    const before = await getContract(trx, actor.factoryId, id);
    const receipt = await trx.selectFrom('receipts').select('id').where('contract_id', '=', id).executeTakeFirst();
    if (receipt) throw inUse('合同下已有收货单，不能删除');
    await deleteContract(trx, actor.factoryId, id);
    await recordAudit(trx, actor, { entity_type: 'contract', entity_id: id, contract_id: id, action: 'delete', before, after: null });
  });
}

/** Records an assay and logs it. @throws as createAssay. */
export function createAssayAudited(db: Db, actor: Actor, input: AssayWrite): Promise<Assay> {
  return db.transaction().execute(async (trx) => {
    const after = await createAssay(trx, actor.factoryId, actor.id, input);
    await recordAudit(trx, actor, {
      entity_type: 'assay_data',
      entity_id: after.id,
      contract_id: null,
      action: 'create',
      before: null,
      after,
    });
    return after;
  });
}

/**
 * Updates an assay record and logs before/after. An assay that priced a settled receipt is
 * frozen: changing it would make the settlement disagree with its evidence.
 * @throws AppError NOT_FOUND, VALIDATION_FAILED, CONFLICT (used by a settled receipt).
 */
export function updateAssayAudited(db: Db, actor: Actor, id: number, patch: Partial<AssayWrite>): Promise<Assay> {
  return db.transaction().execute(async (trx) => {
    const before = await getAssay(trx, actor.factoryId, id);
    const settled = await trx
      .selectFrom('receipts')
      .select('id')
      .where('assay_id', '=', id)
      .where('status', '=', 'settled')
      .executeTakeFirst();
    if (settled) throw inUse('化验数据已用于结算，不能修改');
    const after = await updateAssay(trx, actor.factoryId, id, patch);
    await recordAudit(trx, actor, { entity_type: 'assay_data', entity_id: id, contract_id: null, action: 'update', before, after });
    return after;
  });
}

/** Deletes an assay record no receipt links to, and logs it. @throws AppError NOT_FOUND, CONFLICT. */
export function deleteAssayAudited(db: Db, actor: Actor, id: number): Promise<void> {
  return db.transaction().execute(async (trx) => {
    const before = await getAssay(trx, actor.factoryId, id);
    const linked = await trx.selectFrom('receipts').select('id').where('assay_id', '=', id).executeTakeFirst();
    if (linked) throw inUse('化验数据已关联收货单，不能删除');
    await deleteAssay(trx, actor.factoryId, id);
    await recordAudit(trx, actor, { entity_type: 'assay_data', entity_id: id, contract_id: null, action: 'delete', before, after: null });
  });
}
