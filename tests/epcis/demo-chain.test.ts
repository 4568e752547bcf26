import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../db/seed/demo.ts';
import { DEMO_CHAIN, DEMO_LOTS } from '../../db/seed/gs1-chain.ts';
import { capture } from '../../src/services/traces/epcis/capture.ts';
import { walkGenealogy } from '../../src/services/traces/epcis/genealogy.ts';
import { startRecall } from '../../src/services/traces/recall/recall.ts';
import { eachTestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';

describe.each(DIALECTS)('GS1 demo chain on %s', (dialect) => {
  const w = eachTestApp(dialect);

  it('links farm, plant and packer lots, and a recall of the raw lot reaches both demo companies', async () => {
    expect(await seedDemo(w.t.deps.db, async () => 'x', { captureEpcis: capture })).toBe(true);
    const db = w.t.deps.db;
    const owners = await db.selectFrom('epcis_events').select('factory_id').distinct().orderBy('factory_id').execute();
    expect(owners.map((o) => o.factory_id)).toEqual([DEMO_CHAIN.farm.id, DEMO_CHAIN.packer.id, 'TEST_2024_001']);

    const back = await walkGenealogy(db, null, DEMO_LOTS.boxesA, 'backward', 5);
    expect(back.lots.map((l) => l.epc)).toEqual([DEMO_LOTS.sorted, DEMO_LOTS.raw]);

    const recall = await startRecall(w.t.deps, { factoryId: null, userId: null }, { lot: DEMO_LOTS.raw, reason: 'demo', notify: false });
    expect(recall.affectedLots.map((l) => l.epc)).toEqual([DEMO_LOTS.raw, DEMO_LOTS.sorted, DEMO_LOTS.boxesA, DEMO_LOTS.boxesB]);
    expect(recall.companies.map((c) => c.companyId)).toEqual(expect.arrayContaining(['CODE001', 'CODE002']));
    expect(recall.companies).toHaveLength(2);
    // the plant's own recall (its events only) reaches the same customers
    const plant = await startRecall(
      w.t.deps,
      { factoryId: 'TEST_2024_001', userId: null },
      { lot: DEMO_LOTS.raw, reason: 'demo', notify: false },
    );
    expect(plant.affectedLots.map((l) => l.epc)).toEqual([DEMO_LOTS.raw, DEMO_LOTS.sorted]);
    expect(plant.companies.map((c) => c.companyId).sort()).toEqual(['CODE001', 'CODE002']);

    const batch = await db.selectFrom('trace_batches').select(['gtin', 'lot']).where('gtin', 'is not', null).execute();
    expect(batch).toEqual([{ gtin: DEMO_CHAIN.gtin.sorted, lot: 'P2611' }]);
    const factory = await db.selectFrom('factories').select('gln').where('id', '=', 'TEST_2024_001').executeTakeFirstOrThrow();
    expect(factory.gln).toBe(DEMO_CHAIN.plant.gln);
  });
});
