import type { Selectable, Transaction } from 'kysely';
import type { Database, SettlementsTable } from '../../../db/database.ts';
import type { Db } from '../../db/connect.ts';
import { isUniqueViolation } from '../../db/sql.ts';
import { notFound } from '../../errors.ts';
import { inUse, isoSeconds } from '../master-data/common.ts';
import { ownsRow, tenantRows } from '../master-data/tenant-crud.ts';
import { type Actor, auditCreated, recordAudit } from './audit.ts';
import { dec, fromCents, toCents } from './decimal.ts';
import { toReceipt } from './receipts.ts';
import { type Calculation, computeSettlement, receiptKey, type SettlementRequest } from './settlement-calculation.ts';

export interface Settlement {
  id: number;
  contract_id: number;
  receipt_ids: number[];
  pricing_method: string;
  amount_excl_tax: string;
  tax: string;
  amount_incl_tax: string;
  calculation: Calculation;
  created_by: number | null;
  created_at: string;
}

function toSettlement(r: Selectable<SettlementsTable>): Settlement {
  return {
    id: r.id,
    contract_id: Number(r.contract_id),
    receipt_ids: r.receipt_key.split(',').map(Number),
    pricing_method: r.pricing_method,
    amount_excl_tax: fromCents(r.amount_excl_tax_cents).toFixed(2),
    tax: fromCents(r.tax_cents).toFixed(2),
    amount_incl_tax: fromCents(r.amount_incl_tax_cents).toFixed(2),
    calculation: JSON.parse(r.calculation) as Calculation,
    created_by: r.created_by === null ? null : Number(r.created_by),
    created_at: isoSeconds(r.created_at),
  };
}

async function findBySet(db: Db, factoryId: string, contractId: number, key: string) {
  return tenantRows(db, 'settlements', factoryId)
    .selectAll()
    .where('contract_id', '=', contractId)
    .where('receipt_key', '=', key)
    .executeTakeFirst();
}

/**
 * Settles receipts inside the caller's transaction: computeSettlement, the settlement row, the
 * receipts moved to `settled` (guarded against a concurrent settlement) and every audit log.
 * @throws as computeSettlement; CONFLICT when a receipt was settled meanwhile.
 */
export async function settleInTransaction(
  trx: Transaction<Database>,
  actor: Actor,
  contractId: number,
  req: SettlementRequest,
): Promise<Settlement> {
  const calc = await computeSettlement(trx, actor.factoryId, contractId, req);
  const row = await trx
    .insertInto('settlements')
    .values({
      factory_id: actor.factoryId,
      contract_id: contractId,
      receipt_key: calc.receipt_ids.join(','),
      pricing_method: calc.pricing_method,
      amount_excl_tax_cents: toCents(dec(calc.amount_excl_tax)),
      tax_cents: toCents(dec(calc.tax)),
      amount_incl_tax_cents: toCents(dec(calc.amount_incl_tax)),
      calculation: JSON.stringify(calc),
      created_by: actor.id,
      created_at: Date.now(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const settlement = toSettlement(row);
  await auditCreated(trx, actor, 'settlement', settlement);
  for (const id of calc.receipt_ids) {
    const before = await trx.selectFrom('receipts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    // the status guard makes a concurrent settlement of the same receipt update nothing
    const after = await trx
      .updateTable('receipts')
      .set({ status: 'settled', settlement_id: row.id, updated_at: Date.now() })
      .where('id', '=', id)
      .where('factory_id', '=', actor.factoryId)
      .where('status', '!=', 'settled')
      .returningAll()
      .executeTakeFirst();
    if (!after) throw inUse(`收货单已结算: ${id}`);
    await recordAudit(trx, actor, {
      entity_type: 'receipt',
      entity_id: id,
      contract_id: contractId,
      action: 'state',
      before: toReceipt(before),
      after: toReceipt(after),
    });
  }
  return settlement;
}

/**
 * `POST /api/contracts/{id}/settlements`: confirms the settlement computeSettlement previews,
 * in one transaction with the receipts' move to `settled` and the audit logs. Idempotent per
 * receipt set: confirming the same set again returns the existing settlement; a set that shares
 * a receipt with an earlier settlement is refused.
 * @returns the settlement, `created: false` when it already existed.
 * @throws as computeSettlement.
 */
export async function confirmSettlement(
  db: Db,
  actor: Actor,
  contractId: number,
  req: SettlementRequest,
): Promise<Settlement & { created: boolean }> {
  const key = receiptKey(req.receipt_ids);
  const existing = await findBySet(db, actor.factoryId, contractId, key);
  if (existing) return { ...toSettlement(existing), created: false };
  try {
    return { ...(await db.transaction().execute((trx) => settleInTransaction(trx, actor, contractId, req))), created: true };
  } catch (err) {
    // a concurrent confirmation of the same set won the unique constraint: answer its settlement
    const raced = isUniqueViolation(err) ? await findBySet(db, actor.factoryId, contractId, key) : undefined;
    if (raced) return { ...toSettlement(raced), created: false };
    throw err;
  }
}

/**
 * `GET /api/contracts/{id}/settlements`: the contract's settlements, newest first.
 * @throws AppError NOT_FOUND (contract of another factory or none).
 */
export async function listSettlements(db: Db, factoryId: string, contractId: number): Promise<Settlement[]> {
  if (!(await ownsRow(db, 'contracts', factoryId, contractId))) throw notFound('Contract', contractId);
  const rows = await tenantRows(db, 'settlements', factoryId)
    .selectAll()
    .where('contract_id', '=', contractId)
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toSettlement);
}
