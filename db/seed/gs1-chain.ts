import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database.ts';

/**
 * EPCIS capture (src/services/traces/epcis/capture.ts), passed in because db/ imports nothing
 * from src/: stores an EPCIS 2.0 document's events for a factory, inside `db`'s transaction.
 */
export type DemoCapture = (db: Transaction<Database>, factoryId: string, document: Record<string, unknown>) => Promise<unknown>;

/** The farm and the packer of the demo chain; the processing plant is the demo factory. */
export const DEMO_CHAIN = {
  farm: { id: 'DEMO_FARM_01', name: '烟台红富士果园合作社', gln: '0690123450006' },
  plant: { gln: '0690123450013' },
  packer: { id: 'DEMO_PACKER_01', name: '华东冷链包装中心', gln: '0690123450020' },
  /** GTIN-14s (valid check digits): fresh apples, sorted apples, gift boxes. */
  gtin: { raw: '06950123451002', sorted: '06950123452009', boxed: '06950123453006' },
} as const;

const lotUri = (gtin: string, lot: string) => `https://id.gs1.org/01/${gtin}/10/${lot}`;
const place = (gln: string) => `https://id.gs1.org/414/${gln}`;

/** The demo's lots as EPC classes (GS1 Digital Link URIs), farm to boxes. */
export const DEMO_LOTS = {
  raw: lotUri(DEMO_CHAIN.gtin.raw, 'YT2611'),
  sorted: lotUri(DEMO_CHAIN.gtin.sorted, 'P2611'),
  boxesA: lotUri(DEMO_CHAIN.gtin.boxed, 'G2611A'),
  boxesB: lotUri(DEMO_CHAIN.gtin.boxed, 'G2611B'),
} as const;

const day = (now: number, back: number) => new Date(now - back * 86_400_000).toISOString();
const document = (eventList: Record<string, unknown>[]) => ({
  '@context': ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld'],
  type: 'EPCISDocument',
  schemaVersion: '2.0',
  creationDate: eventList.at(-1)?.eventTime,
  epcisBody: { eventList },
});
const kg = (epcClass: string, quantity: number) => ({ epcClass, quantity, uom: 'KGM' });
const object = (eventTime: string, bizStep: string, gln: string, quantityList: object[], extra: object = {}) => ({
  type: 'ObjectEvent',
  eventTime,
  eventTimeZoneOffset: '+08:00',
  action: bizStep === 'commissioning' ? 'ADD' : 'OBSERVE',
  epcList: [],
  quantityList,
  bizStep,
  bizLocation: { id: place(gln) },
  readPoint: { id: place(gln) },
  ...extra,
});
const transformation = (eventTime: string, gln: string, inputs: object[], outputs: object[]) => ({
  type: 'TransformationEvent',
  eventTime,
  eventTimeZoneOffset: '+08:00',
  inputQuantityList: inputs,
  outputQuantityList: outputs,
  bizStep: 'commissioning',
  bizLocation: { id: place(gln) },
  readPoint: { id: place(gln) },
});

/**
 * The GS1 demo of issue 14: a farm → processing → packing chain across three factories' lots
 * (harvest, shipping, receiving, sorting into a processed lot, packing into two box lots),
 * captured as EPCIS 2.0 events; the first demo trace batch carries the processed lot's GTIN and
 * lot (its Digital Link resolves), and the newest shipped ERP order of each demo company (the
 * plant's customers) shipped the sorted lot, so the plant's recall of the raw lot reaches both.
 */
export async function seedGs1Chain(db: Transaction<Database>, processingId: string, now: number, capture: DemoCapture): Promise<void> {
  const { farm, plant, packer, gtin } = DEMO_CHAIN;
  await db
    .insertInto('factories')
    .values(
      [farm, packer].map((f) => ({
        id: f.id,
        name: f.name,
        gln: f.gln,
        industry: '食品',
        address: null,
        contact_name: null,
        contact_phone: null,
        contact_email: null,
        created_at: now,
      })),
    )
    .execute();
  await db.updateTable('factories').set({ gln: plant.gln }).where('id', '=', processingId).execute();
  const to = (gln: string) => ({ destinationList: [{ type: 'location', destination: place(gln) }] });
  await capture(
    db,
    farm.id,
    document([
      object(day(now, 6), 'commissioning', farm.gln, [kg(DEMO_LOTS.raw, 1200)]),
      object(day(now, 5.9), 'shipping', farm.gln, [kg(DEMO_LOTS.raw, 1200)], to(plant.gln)),
    ]),
  );
  await capture(
    db,
    processingId,
    document([
      object(day(now, 5.5), 'receiving', plant.gln, [kg(DEMO_LOTS.raw, 1200)]),
      transformation(day(now, 5), plant.gln, [kg(DEMO_LOTS.raw, 1200)], [kg(DEMO_LOTS.sorted, 1140)]),
      object(day(now, 4.9), 'shipping', plant.gln, [kg(DEMO_LOTS.sorted, 1140)], to(packer.gln)),
    ]),
  );
  await capture(
    db,
    packer.id,
    document([
      transformation(day(now, 4), packer.gln, [kg(DEMO_LOTS.sorted, 1140)], [kg(DEMO_LOTS.boxesA, 600), kg(DEMO_LOTS.boxesB, 520)]),
    ]),
  );
  const first = await db.selectFrom('trace_batches').select('id').where('factory_id', '=', processingId).orderBy('id').executeTakeFirst();
  if (first) await db.updateTable('trace_batches').set({ gtin: gtin.sorted, lot: 'P2611' }).where('id', '=', first.id).execute();
  // the demo ERP is the plant's: its customers received the sorted lot
  await shipLot(db, 'CODE001', DEMO_LOTS.sorted);
  await shipLot(db, 'CODE002', DEMO_LOTS.sorted);
}

/** Marks the first line of the company's newest shipped or completed order as having shipped `lot`. */
async function shipLot(db: Kysely<Database>, companyId: string, lot: string): Promise<void> {
  const line = await db
    .selectFrom('erp_order_materials as m')
    .innerJoin('erp_orders as o', 'o.order_id', 'm.order_id')
    .select('m.material_id')
    .where('o.company_id', '=', companyId)
    .where('o.status', 'in', ['shipped', 'completed'])
    .orderBy('o.order_date', 'desc')
    .orderBy('m.seq')
    .executeTakeFirst();
  if (line) await db.updateTable('erp_order_materials').set({ lot }).where('material_id', '=', line.material_id).execute();
}
