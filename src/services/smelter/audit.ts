import type { Selectable, Transaction } from 'kysely';
import type { AuditLogsTable, Database } from '../../../db/database.ts';
import type { Db } from '../../db/connect.ts';
import { notFound } from '../../errors.ts';
import { checkDateRange, isoSeconds, paginate } from '../master-data/common.ts';
import { type AfterWrite, ownsRow } from '../master-data/tenant-crud.ts';

export const AUDITED_ENTITIES = ['contract', 'receipt', 'assay_data', 'settlement'] as const;
export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'state'] as const;
export type AuditEntity = (typeof AUDITED_ENTITIES)[number];
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who changes what: the caller and its tenant. */
export interface Actor {
  id: number;
  factoryId: string;
}

export interface AuditEntry {
  entity_type: AuditEntity;
  entity_id: number;
  contract_id: number | null;
  action: AuditAction;
  /** The entity as the API shows it, before and after; null before a create and after a delete. */
  before: unknown;
  after: unknown;
}

/**
 * Writes one audit log row (issue 15 "audit trail"). Takes the transaction of the change itself,
 * so the log commits with the change and rolls back with it.
 */
export async function recordAudit(trx: Transaction<Database>, actor: Actor, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_logs')
    .values({
      factory_id: actor.factoryId,
      entity_type: entry.entity_type,
      entity_id: entry.entity_id,
      contract_id: entry.contract_id,
      action: entry.action,
      actor_id: actor.id,
      before: entry.before === null || entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === null || entry.after === undefined ? null : JSON.stringify(entry.after),
      created_at: Date.now(),
    })
    .execute();
}

/** Logs the creation of `created` (a receipt or settlement as the API shows it) under its contract. */
export function auditCreated(
  trx: Transaction<Database>,
  actor: Actor,
  entity_type: AuditEntity,
  created: { id: number; contract_id: number | null },
): Promise<void> {
  return recordAudit(trx, actor, {
    entity_type,
    entity_id: created.id,
    contract_id: created.contract_id,
    action: 'create',
    before: null,
    after: created,
  });
}

/**
 * The audit trail of a tenant-scoped CRUD definition (its `afterWrite`, src/services/master-data/
 * tenant-crud.ts): one log per change in the change's transaction; an update that changes
 * `statusOf` is logged as `state`.
 */
export function auditTrail<Dto>(
  entity: AuditEntity,
  contractOf: (dto: Dto) => number | null,
  statusOf?: (dto: Dto) => string,
): AfterWrite<Dto> {
  return (trx, actor, { action, id, before, after }) => {
    const state = action === 'update' && statusOf !== undefined && statusOf(before!) !== statusOf(after!);
    const contract_id = contractOf((after ?? before)!);
    return recordAudit(trx, actor, { entity_type: entity, entity_id: id, contract_id, action: state ? 'state' : action, before, after });
  };
}

export interface AuditLog {
  id: number;
  entity_type: AuditEntity;
  entity_id: number;
  contract_id: number | null;
  action: AuditAction;
  actor_id: number | null;
  actor_name: string | null;
  before: unknown;
  after: unknown;
  created_at: string;
}

export interface AuditQuery {
  entity_type?: AuditEntity | undefined;
  entity_id?: number | undefined;
  contract_id?: number | undefined;
  actor_id?: number | undefined;
  action?: AuditAction | undefined;
  /** YYYY-MM-DD, inclusive, UTC days. */
  start_date?: string | undefined;
  end_date?: string | undefined;
  page: number;
  per_page: number;
}

const MAX_PER_PAGE = 100;
const DAY_MS = 86_400_000;

function toLog(r: Selectable<AuditLogsTable> & { actor_name: string | null }): AuditLog {
  return {
    id: r.id,
    entity_type: r.entity_type as AuditEntity,
    entity_id: Number(r.entity_id),
    contract_id: r.contract_id === null ? null : Number(r.contract_id),
    action: r.action as AuditAction,
    actor_id: r.actor_id === null ? null : Number(r.actor_id),
    actor_name: r.actor_name,
    before: r.before === null ? null : JSON.parse(r.before),
    after: r.after === null ? null : JSON.parse(r.after),
    created_at: isoSeconds(r.created_at),
  };
}

/**
 * `GET /api/audit-logs` and `GET /api/contracts/{id}/logs`: the factory's audit logs, newest
 * first, filtered and paged like spec 001's metal prices (`per_page` clamped to 100).
 * @returns `{logs, total, pages, current_page}`.
 * @throws AppError VALIDATION_FAILED when start_date is after end_date.
 */
export async function listAuditLogs(
  db: Db,
  factoryId: string,
  query: AuditQuery,
): Promise<{ logs: AuditLog[]; total: number; pages: number; current_page: number }> {
  checkDateRange(query);
  let base = db.selectFrom('audit_logs').where('audit_logs.factory_id', '=', factoryId);
  if (query.entity_type) base = base.where('entity_type', '=', query.entity_type);
  if (query.entity_id !== undefined) base = base.where('entity_id', '=', query.entity_id);
  if (query.contract_id !== undefined) base = base.where('contract_id', '=', query.contract_id);
  if (query.actor_id !== undefined) base = base.where('actor_id', '=', query.actor_id);
  if (query.action) base = base.where('action', '=', query.action);
  if (query.start_date) base = base.where('audit_logs.created_at', '>=', Date.parse(`${query.start_date}T00:00:00Z`));
  if (query.end_date) base = base.where('audit_logs.created_at', '<', Date.parse(`${query.end_date}T00:00:00Z`) + DAY_MS);
  const { rows, ...counts } = await paginate(base, query, MAX_PER_PAGE, (q) =>
    q
      .leftJoin('users', 'users.id', 'audit_logs.actor_id')
      .selectAll('audit_logs')
      .select('users.name as actor_name')
      .orderBy('audit_logs.id', 'desc'),
  );
  return { logs: rows.map(toLog), ...counts };
}

/**
 * `GET /api/contracts/{id}/logs`: listAuditLogs of one contract (its own changes and those of its
 * receipts and settlements).
 * @throws AppError NOT_FOUND (no such contract in the factory), VALIDATION_FAILED.
 */
export async function listContractLogs(db: Db, factoryId: string, query: AuditQuery & { contract_id: number }) {
  if (!(await ownsRow(db, 'contracts', factoryId, query.contract_id))) throw notFound('Contract', query.contract_id);
  return listAuditLogs(db, factoryId, query);
}
