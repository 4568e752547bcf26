import type { Db } from '../../src/db/connect.ts';
import { capture } from '../../src/services/traces/epcis/capture.ts';

/** A farm → processing chain in one EPCIS 2.0 document: commissioning, a transformation, shipping. */
export const RAW_CLASS = 'https://id.gs1.org/01/09520123456788/10/RAW-0001';
export const OUT_CLASS = 'urn:epc:class:lgtin:952012.0345678.LOT-42';
export const SGTIN = 'urn:epc:id:sgtin:952012.0345678.1001';
export const FARM = 'urn:epc:id:sgln:952012.34567.0';
export const PLANT = 'urn:epc:id:sgln:952012.34567.1';
export const DOCK = 'urn:epc:id:sgln:952012.34567.1.dock';

export function chainDocument(): Record<string, any> {
  return {
    '@context': ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld', { ex: 'https://ns.example.com/epcis/' }],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: '2026-11-05T09:00:00.000Z',
    epcisBody: {
      eventList: [
        {
          type: 'ObjectEvent',
          eventTime: '2026-11-01T08:00:00.000+08:00',
          eventTimeZoneOffset: '+08:00',
          action: 'ADD',
          epcList: [],
          quantityList: [{ epcClass: RAW_CLASS, quantity: 1200, uom: 'KGM' }],
          bizStep: 'commissioning',
          disposition: 'active',
          readPoint: { id: FARM },
          bizLocation: { id: FARM },
          'ex:harvestField': 'north-7',
        },
        {
          type: 'TransformationEvent',
          eventID: 'urn:uuid:6a2b4f8e-1b9e-4c1e-9d57-2b1f1e3c0a01',
          eventTime: '2026-11-02T10:30:00.000+08:00',
          eventTimeZoneOffset: '+08:00',
          inputQuantityList: [{ epcClass: RAW_CLASS, quantity: 1000, uom: 'KGM' }],
          outputQuantityList: [{ epcClass: OUT_CLASS, quantity: 950, uom: 'KGM' }],
          bizStep: 'https://ref.gs1.org/cbv/BizStep-commissioning',
          readPoint: { id: PLANT },
          bizLocation: { id: PLANT },
        },
        {
          type: 'ObjectEvent',
          eventID: 'urn:uuid:6a2b4f8e-1b9e-4c1e-9d57-2b1f1e3c0a02',
          eventTime: '2026-11-03T07:15:00.000Z',
          eventTimeZoneOffset: '+00:00',
          action: 'OBSERVE',
          epcList: [SGTIN],
          quantityList: [{ epcClass: OUT_CLASS, quantity: 40, uom: 'KGM' }],
          bizStep: 'shipping',
          disposition: 'in_transit',
          readPoint: { id: DOCK },
          bizTransactionList: [{ type: 'po', bizTransaction: 'urn:epcglobal:cbv:bt:9520123456788:PO-77' }],
          destinationList: [{ type: 'owning_party', destination: 'urn:epc:id:pgln:952012.34567' }],
        },
      ],
    },
  };
}

/** Inserts the factories the tests use as tenants. */
export async function seedFactories(db: Db, ...ids: string[]): Promise<void> {
  for (const id of ids) {
    await db
      .insertInto('factories')
      .values({
        id,
        name: id,
        industry: null,
        address: null,
        contact_name: null,
        contact_phone: null,
        contact_email: null,
        gln: null,
        created_at: 0,
      })
      .execute();
  }
}

/** An event without what the repository adds (eventID when it was absent, recordTime) and with eventTime as an instant. */
export function normalise(event: Record<string, any>, keepId: boolean): Record<string, any> {
  const { recordTime: _r, eventID, '@context': _c, ...rest } = event;
  return { ...rest, ...(keepId && eventID ? { eventID } : {}), eventTime: new Date(event.eventTime).toISOString() };
}

export const lot = (name: string) => `urn:epc:class:lgtin:952012.0345678.${name}`;

/** One TransformationEvent: `inputs` (lot → kg) become `outputs` (lot → kg). */
export function transformation(id: number, day: number, inputs: Record<string, number>, outputs: Record<string, number>) {
  const list = (m: Record<string, number>) => Object.entries(m).map(([l, kg]) => ({ epcClass: lot(l), quantity: kg, uom: 'KGM' }));
  return {
    type: 'TransformationEvent',
    eventID: `urn:uuid:00000000-0000-4000-8000-${String(id).padStart(12, '0')}`,
    eventTime: `2026-11-${String(day).padStart(2, '0')}T08:00:00.000Z`,
    eventTimeZoneOffset: '+00:00',
    inputQuantityList: list(inputs),
    outputQuantityList: list(outputs),
    bizStep: 'commissioning',
    bizLocation: { id: 'urn:epc:id:sgln:952012.34567.1' },
  };
}

export const epcisDoc = (...events: Record<string, unknown>[]) => ({
  '@context': ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld'],
  type: 'EPCISDocument',
  schemaVersion: '2.0',
  creationDate: '2026-11-20T00:00:00.000Z',
  epcisBody: { eventList: events },
});

/**
 * Five levels: RAW → WASHED (+ SALT) → CURED → SLICED → PACK-A and PACK-B (a split), PACK-A →
 * CASE; the processing steps are FAC_A's, the packing FAC_B's.
 */
export const processing = [
  transformation(1, 1, { RAW: 1000 }, { WASHED: 980 }),
  transformation(2, 2, { WASHED: 980, SALT: 20 }, { CURED: 990 }),
  transformation(3, 3, { CURED: 990 }, { SLICED: 950 }),
];
export const packing = [
  transformation(4, 4, { SLICED: 950 }, { 'PACK-A': 600, 'PACK-B': 340 }),
  transformation(5, 5, { 'PACK-A': 600 }, { CASE: 600 }),
];

/** Captures the five-level chain: processing as FAC_A, packing as FAC_B (both must exist). */
export async function captureChain(db: Db): Promise<void> {
  await capture(db, 'FAC_A', epcisDoc(...processing));
  await capture(db, 'FAC_B', epcisDoc(...packing));
}
