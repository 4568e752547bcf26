import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { capture } from '../../src/services/traces/epcis/capture.ts';
import { walkGenealogy } from '../../src/services/traces/epcis/genealogy.ts';
import { DIALECTS, freshDatabase, type TestDatabase } from '../helpers/db.ts';
import { captureChain, epcisDoc, lot, packing, seedFactories, transformation } from './fixtures.ts';

describe.each(DIALECTS)('lot genealogy on %s', (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await freshDatabase(dialect);
    await seedFactories(t.db, 'FAC_A', 'FAC_B');
    await captureChain(t.db);
  });
  afterEach(() => t.destroy());
  /** `PACK-A@1`: the lot's name and its depth. */
  const names = (lots: { epc: string; depth: number }[]) => lots.map((l) => `${l.epc.split('.').pop()}@${l.depth}`);

  it('walks backward across factories from a case to the raw lot, nearest first, then by EPC', async () => {
    const g = await walkGenealogy(t.db, null, lot('CASE'), 'backward', 10);
    expect(names(g.lots)).toEqual(['PACK-A@1', 'SLICED@2', 'CURED@3', 'SALT@4', 'WASHED@4', 'RAW@5']);
    expect(g.truncated).toBe(false);
    const cured = g.links.find((l) => l.to === lot('CURED') && l.from === lot('SALT'));
    expect(cured).toMatchObject({ factoryId: 'FAC_A', input: { quantity: 20, uom: 'KGM' }, output: { quantity: 990, uom: 'KGM' } });
    expect(cured?.eventTime).toBe('2026-11-02T08:00:00.000Z');
  });

  it('walks forward from the raw lot to every pack and case, and stops at the depth asked', async () => {
    const g = await walkGenealogy(t.db, null, lot('RAW'), 'forward', 5);
    expect(names(g.lots)).toEqual(['WASHED@1', 'CURED@2', 'SLICED@3', 'PACK-A@4', 'PACK-B@4', 'CASE@5']);
    expect(names((await walkGenealogy(t.db, null, lot('RAW'), 'forward', 2)).lots)).toEqual(['WASHED@1', 'CURED@2']);
  });

  it("walks only the tenant's events when scoped to a factory", async () => {
    expect(names((await walkGenealogy(t.db, 'FAC_A', lot('RAW'), 'forward', 10)).lots)).toEqual(['WASHED@1', 'CURED@2', 'SLICED@3']);
    expect((await walkGenealogy(t.db, 'FAC_B', lot('RAW'), 'forward', 10)).lots).toEqual([]);
  });

  it('does not follow a transformation an errorDeclaration retracted', async () => {
    const retracted = { ...packing[1], errorDeclaration: { declarationTime: '2026-11-06T00:00:00.000Z', reason: 'incorrect_data' } };
    await capture(t.db, 'FAC_B', epcisDoc(retracted));
    const g = await walkGenealogy(t.db, null, lot('SLICED'), 'forward', 10);
    expect(names(g.lots)).toEqual(['PACK-A@1', 'PACK-B@1']);
  });

  it('lists each lot once when the chain loops back', async () => {
    await capture(t.db, 'FAC_A', epcisDoc(transformation(6, 6, { CASE: 10 }, { RAW: 10 })));
    const g = await walkGenealogy(t.db, null, lot('RAW'), 'forward', 20);
    expect(g.lots.map((l) => l.epc.split('.').pop())).toEqual(['WASHED', 'CURED', 'SLICED', 'PACK-A', 'PACK-B', 'CASE']);
    expect(g.links.filter((l) => l.to === lot('RAW'))).toHaveLength(1);
  });
});
