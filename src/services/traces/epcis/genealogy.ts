/**
 * Lot genealogy (issue 14 §5): which lots a lot was made from (backward) or went into (forward),
 * walked over captured TransformationEvents (EPCIS 2.0 §7.4.6: inputs → outputs). A lot is an
 * EPC class (LGTIN URN or Digital Link URI) or an instance EPC, compared as captured.
 */
import type { Db } from '../../../db/connect.ts';

export type GenealogyDirection = 'backward' | 'forward';

/** At most this many levels and lots per walk: a recall answers in bounded time. */
export const MAX_DEPTH = 20;
export const MAX_LOTS = 10_000;

/** One quantity element of a TransformationEvent's input or output list (EPCIS 2.0 QuantityElement). */
export interface Quantity {
  quantity?: number;
  uom?: string;
}

/** One link of the walk: `from` was transformed into `to` by the event. */
export interface GenealogyLink {
  from: string;
  to: string;
  eventId: string;
  /** ISO 8601, as captured. */
  eventTime: string;
  bizStep: string | null;
  bizLocation: string | null;
  /** The owning factory (tenant) of the event. */
  factoryId: string;
  input: Quantity;
  output: Quantity;
}

/** A lot the walk reached, with its distance from the start (1 = made directly from/into it). */
export interface GenealogyLot {
  epc: string;
  depth: number;
}

export interface Genealogy {
  /** The lot walked from, in its first spelling. */
  root: string;
  direction: GenealogyDirection;
  depth: number;
  /** Reached lots in walk order (nearest first), the root excluded. */
  lots: GenealogyLot[];
  links: GenealogyLink[];
  /** True when MAX_LOTS cut the walk short. */
  truncated: boolean;
}

interface LinkRow {
  row_id: number;
  near: string;
  far: string;
  event_id: string;
  event_time: number;
  biz_step: string | null;
  biz_location: string | null;
  factory_id: string;
  event_json: string;
}

type QuantityList = { epcClass?: string; quantity?: number; uom?: string }[];

/** The quantity element of `epc` in an event's input or output list; `{}` for an instance EPC. */
function quantityOf(event: Record<string, unknown>, list: 'inputQuantityList' | 'outputQuantityList', epc: string): Quantity {
  const q = (event[list] as QuantityList | undefined)?.find((e) => e.epcClass === epc);
  return q ? { ...(q.quantity !== undefined && { quantity: q.quantity }), ...(q.uom !== undefined && { uom: q.uom }) } : {};
}

/**
 * Walks the genealogy of `root` level by level, one query per level.
 * - `backward`: the inputs of the TransformationEvents that output `root`, then theirs…
 * - `forward`: the outputs of the TransformationEvents that took `root` as input, then theirs…
 * Events an errorDeclaration retracted (EPCIS 2.0 §7.4.1.2) are not followed. Each lot is
 * listed once, at its nearest depth; cycles end the walk of that branch.
 * @param tenant the factory whose events are walked; `null` walks every factory's (a platform
 *   recall across a supply chain).
 * @param root the lot, or every spelling of one lot (LGTIN URN, Digital Link URIs): all start the walk.
 * @param depth levels to walk, 1–MAX_DEPTH.
 * @returns the lots reached and the links between them; `truncated` when MAX_LOTS was reached.
 */
export async function walkGenealogy(
  db: Db,
  tenant: string | null,
  root: string | readonly string[],
  direction: GenealogyDirection,
  depth: number,
): Promise<Genealogy> {
  const roots = typeof root === 'string' ? [root] : [...root];
  const levels = Math.max(1, Math.min(MAX_DEPTH, Math.trunc(depth)));
  const [nearRole, farRole] = direction === 'backward' ? (['output', 'input'] as const) : (['input', 'output'] as const);
  const seen = new Set(roots);
  const lots: GenealogyLot[] = [];
  const links: GenealogyLink[] = [];
  let frontier = roots;
  let truncated = false;
  for (let level = 1; level <= levels && frontier.length && !truncated; level++) {
    const rows = await linksFrom(db, tenant, frontier, nearRole, farRole);
    const next: string[] = [];
    for (const r of rows) {
      const event = JSON.parse(r.event_json) as Record<string, unknown>;
      const [from, to] = direction === 'backward' ? [r.far, r.near] : [r.near, r.far];
      links.push({
        from,
        to,
        eventId: r.event_id,
        eventTime: String(event.eventTime),
        bizStep: r.biz_step,
        bizLocation: r.biz_location,
        factoryId: r.factory_id,
        input: quantityOf(event, 'inputQuantityList', from),
        output: quantityOf(event, 'outputQuantityList', to),
      });
      if (seen.has(r.far)) continue;
      if (seen.size > MAX_LOTS) {
        truncated = true;
        break;
      }
      seen.add(r.far);
      lots.push({ epc: r.far, depth: level });
      next.push(r.far);
    }
    frontier = next;
  }
  return { root: roots[0] ?? '', direction, depth: levels, lots, links, truncated };
}

/** The TransformationEvents naming a frontier lot in `nearRole`, with each lot they name in `farRole`. */
async function linksFrom(
  db: Db,
  tenant: string | null,
  frontier: string[],
  nearRole: 'input' | 'output',
  farRole: 'input' | 'output',
): Promise<LinkRow[]> {
  const rows: LinkRow[] = [];
  // bounded IN lists: SQLite allows 32,766 parameters, Postgres 65,535
  for (let i = 0; i < frontier.length; i += 500) {
    let q = db
      .selectFrom('epcis_event_epcs as near')
      .innerJoin('epcis_event_epcs as far', (j) => j.onRef('far.event_row_id', '=', 'near.event_row_id').on('far.role', '=', farRole))
      .innerJoin('epcis_events as e', 'e.id', 'near.event_row_id')
      .select([
        'e.id as row_id',
        'near.epc as near',
        'far.epc as far',
        'e.event_id',
        'e.event_time',
        'e.biz_step',
        'e.biz_location',
        'e.factory_id',
        'e.event_json',
      ])
      .where('near.epc', 'in', frontier.slice(i, i + 500))
      .where('near.role', '=', nearRole)
      .where('e.event_type', '=', 'TransformationEvent')
      .where('e.error_declared', '=', 0)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('epcis_events as x')
              .select('x.id')
              .whereRef('x.factory_id', '=', 'e.factory_id')
              .whereRef('x.event_id', '=', 'e.event_id')
              .where('x.error_declared', '=', 1),
          ),
        ),
      );
    if (tenant !== null) q = q.where('near.factory_id', '=', tenant);
    rows.push(...((await q.orderBy('e.event_time').orderBy('e.id').orderBy('far.epc').execute()) as LinkRow[]));
  }
  return rows.map((r) => ({ ...r, row_id: Number(r.row_id), event_time: Number(r.event_time) }));
}
