/**
 * One-call recall (issue 14 §5): from a lot, the lots made from it (forward genealogy), the ERP
 * companies and orders that received any of them, the FSMA 204 sortable spreadsheet rows, the
 * EPCIS document of the chain, and a message to every mini-program user bound to an affected
 * company (the message centre, spec 000). Each recall is recorded with its answer as given.
 */
import type { Db } from '../../../db/connect.ts';
import type { AppDeps } from '../../../deps.ts';
import { AppError, notFound } from '../../../errors.ts';
import { type ErpLotShipment, ErpUnavailableError } from '../../../integrations/erp/types.ts';
import { type GenealogyLot, walkGenealogy } from '../epcis/genealogy.ts';
import { EPCIS_CONTEXT } from '../epcis/query.ts';
import { classSpellings } from '../gs1/identifiers.ts';
import { type Fsma204Row, fsma204Rows } from './fsma204.ts';

/** Who recalls: a factory (its own events) or the platform (`factoryId` null: every factory's). */
export interface RecallScope {
  factoryId: string | null;
  userId: number | null;
}

export interface RecallInput {
  /** The recalled lot: an LGTIN EPC class URN or a Digital Link URI, in any spelling (classSpellings). */
  lot: string;
  reason: string;
  /** Genealogy levels to follow downstream (default 10). */
  depth?: number | undefined;
  /** Message the bound mini-program users of the affected companies (default true). */
  notify?: boolean | undefined;
}

/** An EPCIS 2.0 EPCISDocument (EPCIS 2.0 §9.3) as tracehub writes it. */
export interface EpcisDocumentJson {
  '@context': unknown[];
  type: 'EPCISDocument';
  schemaVersion: '2.0';
  creationDate: string;
  epcisBody: { eventList: Record<string, unknown>[] };
}

export interface RecallCompany {
  companyId: string;
  companyName: string;
  orders: string[];
}

export interface Recall {
  id: number;
  factoryId: string | null;
  lot: string;
  reason: string;
  /** ISO 8601 UTC. */
  createdAt: string;
  /** The recalled lot (depth 0) and every lot made from it, nearest first. */
  affectedLots: GenealogyLot[];
  /** True when the genealogy walk hit its size bound: the list may be incomplete. */
  truncated: boolean;
  shipments: ErpLotShipment[];
  companies: RecallCompany[];
  fsma204: Fsma204Row[];
  /** The chain's TransformationEvents as an EPCIS 2.0 document. */
  epcis: EpcisDocumentJson;
  /** Mini-program users messaged. */
  notified: number;
}

const recallNotFound = (id: number) => notFound('Recall', id);

/**
 * Starts a recall of `input.lot` and records it.
 * @returns the recall with everything it found (Recall).
 * @throws AppError SERVICE_UNAVAILABLE when the ERP cannot answer (nothing is recorded).
 */
export async function startRecall(
  deps: Pick<AppDeps, 'db' | 'erp'>,
  scope: RecallScope,
  input: RecallInput,
  now = Date.now(),
): Promise<Recall> {
  const spellings = classSpellings(input.lot);
  const genealogy = await walkGenealogy(deps.db, scope.factoryId, spellings, 'forward', input.depth ?? 10);
  const affectedLots = [{ epc: input.lot, depth: 0 }, ...genealogy.lots];
  let shipments: ErpLotShipment[];
  try {
    shipments = await deps.erp.findShipmentsOfLots([...spellings, ...genealogy.lots.map((l) => l.epc)]);
  } catch (err) {
    if (err instanceof ErpUnavailableError) {
      throw new AppError('SERVICE_UNAVAILABLE', { en: 'ERP unavailable: retry the recall', zh: 'ERP 服务暂不可用，请稍后再试' }, [], {
        cause: err,
      });
    }
    throw err;
  }
  const companies = companiesOf(shipments);
  const epcis = await chainDocument(deps.db, scope.factoryId, [...new Set(genealogy.links.map((l) => l.eventId))], now);
  const result = {
    affectedLots,
    truncated: genealogy.truncated,
    shipments,
    companies,
    fsma204: fsma204Rows(epcis.epcisBody.eventList, shipments),
    epcis,
  };
  return deps.db.transaction().execute(async (trx) => {
    const notified = input.notify === false ? 0 : await notifyCompanies(trx, companies, input, now);
    const row = await trx
      .insertInto('recalls')
      .values({
        factory_id: scope.factoryId,
        lot: input.lot,
        reason: input.reason,
        created_by: scope.userId,
        result_json: JSON.stringify({ ...result, notified }),
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return {
      id: Number(row.id),
      factoryId: scope.factoryId,
      lot: input.lot,
      reason: input.reason,
      createdAt: new Date(now).toISOString(),
      ...result,
      notified,
    };
  });
}

/** A recorded recall, as it was answered. @throws AppError NOT_FOUND (absent or another factory's). */
export async function getRecall(db: Db, factoryId: string | null, id: number): Promise<Recall> {
  let q = db.selectFrom('recalls').selectAll().where('id', '=', id);
  if (factoryId !== null) q = q.where('factory_id', '=', factoryId);
  const row = await q.executeTakeFirst();
  if (!row) throw recallNotFound(id);
  return {
    id: Number(row.id),
    factoryId: row.factory_id,
    lot: row.lot,
    reason: row.reason,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    ...(JSON.parse(row.result_json) as Omit<Recall, 'id' | 'factoryId' | 'lot' | 'reason' | 'createdAt'>),
  };
}

export interface RecallSummary {
  id: number;
  lot: string;
  reason: string;
  createdAt: string;
  affectedLots: number;
  companies: number;
}

/** The recalls of a factory (every recall for the platform, `factoryId` null), newest first, paged from 1. */
export async function listRecalls(db: Db, factoryId: string | null, page: { page: number; perPage: number }): Promise<RecallSummary[]> {
  let q = db.selectFrom('recalls').selectAll();
  if (factoryId !== null) q = q.where('factory_id', '=', factoryId);
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.perPage)
    .offset((page.page - 1) * page.perPage)
    .execute();
  return rows.map((r) => {
    const result = JSON.parse(r.result_json) as Pick<Recall, 'affectedLots' | 'companies'>;
    return {
      id: Number(r.id),
      lot: r.lot,
      reason: r.reason,
      createdAt: new Date(Number(r.created_at)).toISOString(),
      affectedLots: result.affectedLots.length,
      companies: result.companies.length,
    };
  });
}

function companiesOf(shipments: readonly ErpLotShipment[]): RecallCompany[] {
  const byId = new Map<string, RecallCompany>();
  for (const s of shipments) {
    const c = byId.get(s.company_id) ?? { companyId: s.company_id, companyName: s.company_name, orders: [] };
    if (!c.orders.includes(s.order_no)) c.orders.push(s.order_no);
    byId.set(s.company_id, c);
  }
  return [...byId.values()];
}

/** The chain's events (not retracted), in time order, as an EPCISDocument (EPCIS 2.0 §9). */
async function chainDocument(db: Db, factoryId: string | null, eventIds: string[], now: number): Promise<EpcisDocumentJson> {
  const events: { event_time: number; id: number; event_json: string }[] = [];
  for (let i = 0; i < eventIds.length; i += 500) {
    let q = db
      .selectFrom('epcis_events')
      .select(['event_time', 'id', 'event_json'])
      .where('event_id', 'in', eventIds.slice(i, i + 500))
      .where('error_declared', '=', 0);
    if (factoryId !== null) q = q.where('factory_id', '=', factoryId);
    events.push(...(await q.execute()));
  }
  events.sort((a, b) => Number(a.event_time) - Number(b.event_time) || Number(a.id) - Number(b.id));
  return {
    '@context': [EPCIS_CONTEXT],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: new Date(now).toISOString(),
    epcisBody: { eventList: events.map((e) => JSON.parse(e.event_json) as Record<string, unknown>) },
  };
}

/** One system message per bound user of each affected company; @returns how many were written. */
async function notifyCompanies(db: Db, companies: readonly RecallCompany[], input: RecallInput, now: number): Promise<number> {
  if (companies.length === 0) return 0;
  const bound = await db
    .selectFrom('company_bindings')
    .select(['user_id', 'company_id'])
    .where(
      'company_id',
      'in',
      companies.map((c) => c.companyId),
    )
    .execute();
  if (bound.length === 0) return 0;
  const orders = new Map(companies.map((c) => [c.companyId, c.orders]));
  await db
    .insertInto('user_messages')
    .values(
      bound.map((b) => {
        const nos = orders.get(b.company_id) ?? [];
        return {
          user_id: b.user_id,
          type: 'system' as const,
          title: '产品召回通知',
          content: `您公司订单 ${nos.join('、')} 所含批次已被召回，请暂停使用并联系我们。原因：${input.reason}`.slice(0, 1000),
          order_id: null,
          order_no: nos[0] ?? null,
          status: null,
          previous_status: null,
          event_id: null,
          created_at: now,
        };
      }),
    )
    .execute();
  return bound.length;
}
