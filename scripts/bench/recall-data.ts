/**
 * Generated EPCIS data for the recall bench (issue 14 §5): lot families per factory, each a raw
 * lot commissioned (ObjectEvent ADD), walked down 2–7 levels of TransformationEvents (one lot
 * into one or two, now and then blended with a lot of the previous family), inspections of some
 * intermediate lots and one or two shipping ObjectEvents per end lot.
 *
 * Stored in bulk, straight into `epcis_events` / `epcis_event_epcs` with the capture service's own
 * column, term and hash functions (src/services/traces/epcis/terms.ts), so the rows are those
 * `POST /v1/epcis/capture` writes; capture itself does a lookup and two inserts per event after a
 * JSON Schema check, minutes for 100k events, which would measure capture rather than recall. A
 * sample document of the generated events is schema-checked (assertEpcisDocument) first.
 */

import { chunks, prng } from '../../db/seed/util.ts';
import type { Db } from '../../src/db/connect.ts';
import { EPCIS_CONTEXT } from '../../src/services/traces/epcis/query.ts';
import { assertEpcisDocument } from '../../src/services/traces/epcis/schema.ts';
import { type EpcisEvent, eventColumns, eventHash, eventTerms } from '../../src/services/traces/epcis/terms.ts';

export interface RecallData {
  events: { factoryId: string; event: EpcisEvent }[];
  /** Raw lots of families 5 or more levels deep, per factory: the recall targets. */
  deepRoots: Map<string, string[]>;
  /** Lots no transformation consumed (what gets shipped). */
  endLots: string[];
  transformations: number;
}

const T0 = Date.UTC(2026, 0, 1);
const sgln = (f: number, loc: number) => `urn:epc:id:sgln:952012${f}.${String(loc).padStart(5, '0')}.0`;
const kg = (epcClass: string, quantity: number) => ({ epcClass, quantity, uom: 'KGM' });

/** About `total` events over `factories` factories (ids `factoryIds`), deterministic. */
export function generateRecallData(factoryIds: string[], total: number, seed = 14): RecallData {
  const rand = prng(seed);
  const events: RecallData['events'] = [];
  const deepRoots = new Map<string, string[]>(factoryIds.map((f) => [f, []]));
  const endLots: string[] = [];
  let n = 0;
  let transformations = 0;
  const perFactory = Math.ceil(total / factoryIds.length);
  for (const [fi, factoryId] of factoryIds.entries()) {
    const prefix = `952012${fi}`;
    const start = events.length;
    let previous: string[][] = [];
    for (let fam = 0; events.length - start < perFactory; fam++) {
      const at = (minutes: number) => {
        const time = new Date(T0 + (fam * 600 + minutes) * 60_000).toISOString();
        return {
          eventID: `urn:uuid:00000000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`,
          eventTime: time,
          eventTimeZoneOffset: '+00:00',
        };
      };
      const lotOf = (level: number, k: number) =>
        `urn:epc:class:lgtin:${prefix}.0${String(10 + level).padStart(5, '0')}.F${fam}L${level}K${k}`;
      const push = (event: Record<string, unknown>) => events.push({ factoryId, event: event as EpcisEvent });
      const depth = 2 + Math.floor(rand() * 6);
      const raw = lotOf(0, 0);
      if (depth >= 5) deepRoots.get(factoryId)?.push(raw);
      /** An ObjectEvent of a quantity of `lot` (EPCIS 2.0 §7.4.2). */
      const objectEvent = (minutes: number, action: 'ADD' | 'OBSERVE', lot: string, quantity: number, step: string[], where: object) => ({
        type: 'ObjectEvent',
        ...at(minutes),
        action,
        epcList: [],
        quantityList: [kg(lot, quantity)],
        bizStep: step[0],
        disposition: step[1],
        readPoint: where,
      });
      push({ ...objectEvent(0, 'ADD', raw, 1000, ['commissioning', 'active'], { id: sgln(fi, 1) }), bizLocation: { id: sgln(fi, 1) } });
      const levels: string[][] = [[raw]];
      let frontier = [raw];
      for (let level = 1; level <= depth; level++) {
        const next: string[] = [];
        for (const input of frontier) {
          const outs = Array.from({ length: frontier.length < 8 && rand() < 0.45 ? 2 : 1 }, (_, k) => lotOf(level, next.length + k));
          next.push(...outs);
          const blend = previous[level - 1]?.[0];
          const inputs = [kg(input, 500), ...(blend && rand() < 0.1 ? [kg(blend, 50)] : [])];
          const loc = { id: sgln(fi, 10 + level) };
          push({
            type: 'TransformationEvent',
            ...at(level * 30),
            inputQuantityList: inputs,
            outputQuantityList: outs.map((o) => kg(o, 400)),
            bizStep: 'commissioning',
            readPoint: loc,
            bizLocation: loc,
          });
          transformations++;
          if (rand() < 0.3) push(objectEvent(level * 30 + 5, 'OBSERVE', outs[0] as string, 400, ['inspecting', 'active'], loc));
        }
        levels.push(next);
        frontier = next;
      }
      for (const lot of frontier) {
        endLots.push(lot);
        for (let s = rand() < 0.5 ? 1 : 2; s > 0; s--) {
          const to = [{ type: 'owning_party', destination: `urn:epc:id:pgln:952013${s}.00000` }];
          push({ ...objectEvent(300 + s, 'OBSERVE', lot, 200, ['shipping', 'in_transit'], { id: sgln(fi, 90) }), destinationList: to });
        }
      }
      previous = levels;
    }
  }
  return { events, deepRoots, endLots, transformations };
}

/** Stores the events in bulk (one transaction), as capture would; @returns seconds taken. */
export async function insertRecallData(db: Db, data: RecallData): Promise<number> {
  assertEpcisDocument({
    '@context': [EPCIS_CONTEXT],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: new Date(T0).toISOString(),
    epcisBody: { eventList: data.events.slice(0, 300).map((e) => e.event) },
  });
  const t0 = performance.now();
  const now = Date.now();
  await db.transaction().execute(async (trx) => {
    for (const part of chunks(data.events, 500)) {
      const rows = await trx
        .insertInto('epcis_events')
        .values(
          part.map(({ factoryId, event }) => ({
            factory_id: factoryId,
            event_id: event.eventID as string,
            event_hash: eventHash(event, {}),
            ...eventColumns(event),
            error_declared: 0,
            event_json: JSON.stringify(event),
            recorded_at: now,
          })),
        )
        .returning(['id', 'event_id'])
        .execute();
      const idOf = new Map(rows.map((r) => [r.event_id, Number(r.id)]));
      const terms = part.flatMap(({ factoryId, event }) =>
        eventTerms(event).map((t) => ({
          event_row_id: idOf.get(event.eventID as string) as number,
          factory_id: factoryId,
          epc: t.epc,
          is_class: t.isClass ? 1 : 0,
          role: t.role,
        })),
      );
      for (const slice of chunks(terms, 1000)) await trx.insertInto('epcis_event_epcs').values(slice).execute();
    }
  });
  return (performance.now() - t0) / 1000;
}

/**
 * Puts lots on ERP order lines: every `every`-th end lot goes on a material line of the seeded
 * orders (lines in a seeded shuffle, so that a family's lots reach several companies), as
 * `erp_order_materials.lot`. @returns lines updated.
 */
export async function shipLots(db: Db, endLots: string[], every = 3): Promise<number> {
  const lines = await db.selectFrom('erp_order_materials').select('material_id').orderBy('material_id').execute();
  const rand = prng(41);
  for (let i = lines.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [lines[i], lines[j]] = [lines[j] as (typeof lines)[number], lines[i] as (typeof lines)[number]];
  }
  const lots = endLots.filter((_, i) => i % every === 0).slice(0, lines.length);
  await db.transaction().execute(async (trx) => {
    for (const [i, lot] of lots.entries()) {
      await trx
        .updateTable('erp_order_materials')
        .set({ lot })
        .where('material_id', '=', (lines[i] as { material_id: string }).material_id)
        .execute();
    }
  });
  return lots.length;
}
