import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { capture } from '../../src/services/traces/epcis/capture.ts';
import { walkGenealogy } from '../../src/services/traces/epcis/genealogy.ts';
import { DIALECTS, freshDatabase, type TestDatabase } from '../helpers/db.ts';
import { seedFactories } from './fixtures.ts';

const lot = (name: string) => `urn:epc:class:lgtin:952012.0345678.${name}`;

/** One TransformationEvent: `inputs` (lot → kg) become `outputs` (lot → kg). */
function transformation(id: number, day: number, inputs: Record<string, number>, outputs: Record<string, number>) {
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

const doc = (...events: Record<string, unknown>[]) => ({
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
const processing = [
  transformation(1, 1, { RAW: 1000 }, { WASHED: 980 }),
  transformation(2, 2, { WASHED: 980, SALT: 20 }, { CURED: 990 }),
  transformation(3, 3, { CURED: 990 }, { SLICED: 950 }),
];
const packing = [
  transformation(4, 4, { SLICED: 950 }, { 'PACK-A': 600, 'PACK-B': 340 }),
  transformation(5, 5, { 'PACK-A': 600 }, { CASE: 600 }),
];

describe.each(DIALECTS)('lot genealogy on %s', (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await freshDatabase(dialect);
    await seedFactories(t.db, 'FAC_A', 'FAC_B');
    await capture(t.db, 'FAC_A', doc(...processing));
    await capture(t.db, 'FAC_B', doc(...packing));
  });
  afterEach(() => t.destroy());
  const names = (lots: { epc: string; depth: number }[]) => lots.map((l) => [l.epc.split('.').pop(), l.depth]);

  it('walks backward across factories from a case to the raw lot, nearest first, then by EPC', async () => {
    const g = await walkGenealogy(t.db, null, lot('CASE'), 'backward', 10);
    expect(names(g.lots)).toEqual([
      ['PACK-A', 1],
      ['SLICED', 2],
      ['CURED', 3],
      ['SALT', 4],
      ['WASHED', 4],
      ['RAW', 5],
    ]);
    expect(g.truncated).toBe(false);
    const cured = g.links.find((l) => l.to === lot('CURED') && l.from === lot('SALT'));
    expect(cured).toMatchObject({ factoryId: 'FAC_A', input: { quantity: 20, uom: 'KGM' }, output: { quantity: 990, uom: 'KGM' } });
    expect(cured?.eventTime).toBe('2026-11-02T08:00:00.000Z');
  });

  it('walks forward from the raw lot to every pack and case, and stops at the depth asked', async () => {
    const g = await walkGenealogy(t.db, null, lot('RAW'), 'forward', 5);
    expect(names(g.lots)).toEqual([
      ['WASHED', 1],
      ['CURED', 2],
      ['SLICED', 3],
      ['PACK-A', 4],
      ['PACK-B', 4],
      ['CASE', 5],
    ]);
    expect(names((await walkGenealogy(t.db, null, lot('RAW'), 'forward', 2)).lots)).toEqual([
      ['WASHED', 1],
      ['CURED', 2],
    ]);
  });

  it("walks only the tenant's events when scoped to a factory", async () => {
    expect(names((await walkGenealogy(t.db, 'FAC_A', lot('RAW'), 'forward', 10)).lots)).toEqual([
      ['WASHED', 1],
      ['CURED', 2],
      ['SLICED', 3],
    ]);
    expect((await walkGenealogy(t.db, 'FAC_B', lot('RAW'), 'forward', 10)).lots).toEqual([]);
  });

  it('does not follow a transformation an errorDeclaration retracted', async () => {
    const retracted = { ...packing[1], errorDeclaration: { declarationTime: '2026-11-06T00:00:00.000Z', reason: 'incorrect_data' } };
    await capture(t.db, 'FAC_B', doc(retracted));
    const g = await walkGenealogy(t.db, null, lot('SLICED'), 'forward', 10);
    expect(names(g.lots)).toEqual([
      ['PACK-A', 1],
      ['PACK-B', 1],
    ]);
  });

  it('lists each lot once when the chain loops back', async () => {
    await capture(t.db, 'FAC_A', doc(transformation(6, 6, { CASE: 10 }, { RAW: 10 })));
    const g = await walkGenealogy(t.db, null, lot('RAW'), 'forward', 20);
    expect(g.lots.map((l) => l.epc.split('.').pop())).toEqual(['WASHED', 'CURED', 'SLICED', 'PACK-A', 'PACK-B', 'CASE']);
    expect(g.links.filter((l) => l.to === lot('RAW'))).toHaveLength(1);
  });
});
