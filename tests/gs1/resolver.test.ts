import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.ts';
import { parseLotPath } from '../../src/services/traces/gs1/digital-link.ts';
import { GS1_LINK_TYPES, linksetOf, resolveLot } from '../../src/services/traces/gs1/resolver.ts';
import { renderLotPage, renderNotFoundPage } from '../../src/services/traces/gs1/resolver-page.ts';
import { DIALECTS, freshDatabase, type TestDatabase } from '../helpers/db.ts';
import { linksetErrors } from './linkset-schema.ts';

const ORIGIN = 'https://trace.example.com';

async function seedLot(db: Db, over: { name?: string; notes?: string } = {}) {
  const now = Date.UTC(2026, 10, 1);
  await db
    .insertInto('factories')
    .values({
      id: 'FAC_GS1',
      name: '绿源食品',
      industry: null,
      address: null,
      contact_name: null,
      contact_phone: null,
      contact_email: null,
      gln: '9520123456788',
      created_at: now,
    })
    .execute();
  const batch = await db
    .insertInto('trace_batches')
    .values({
      factory_id: 'FAC_GS1',
      code: 'ABCD2345EFGH',
      name: over.name ?? 'Jasmine rice 5 kg',
      product_id: 'rice-5kg',
      quantity: 100,
      unit_weight: 5,
      harvest_date: now,
      farm_id: 'farm-7',
      gtin: '09520123456788',
      lot: 'LOT-7',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('trace_logs')
    .values([
      {
        trace_id: batch.id,
        event_type: 'shipping',
        occurred_at: now + 7200_000,
        operator: 'staff',
        location: 'Dock 3',
        notes: null,
        created_at: now,
      },
      {
        trace_id: batch.id,
        event_type: 'harvest',
        occurred_at: now,
        operator: 'staff',
        location: 'Field 2',
        notes: over.notes ?? null,
        created_at: now,
      },
    ])
    .execute();
}

describe.each(DIALECTS)('GS1 Digital Link resolver on %s', (dialect) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await freshDatabase(dialect);
  });
  afterEach(() => t.destroy());

  it('resolves a scanned lot to its public record, timeline oldest first, with its GS1 identity', async () => {
    await seedLot(t.db);
    const scanned = parseLotPath(ORIGIN, '/01/9520123456788/10/LOT-7');
    const lot = await resolveLot(t.db, ORIGIN, scanned!);
    expect(lot).toMatchObject({ gtin: '09520123456788', lot: 'LOT-7', gln: '9520123456788', code: 'ABCD2345EFGH' });
    expect(lot.digitalLink).toBe(`${ORIGIN}/01/09520123456788/10/LOT-7`);
    expect(lot.timeline.map((e) => e.eventType)).toEqual(['harvest', 'shipping']);
    expect(lot).not.toHaveProperty('factory_id');
  });

  it('answers NOT_FOUND for a valid code no batch carries', async () => {
    await seedLot(t.db);
    await expect(resolveLot(t.db, ORIGIN, { gtin: '09520123456788', lot: 'LOT-8' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('offers an RFC 9264 link set with the GS1 link types', async () => {
    await seedLot(t.db);
    const set = linksetOf(ORIGIN, await resolveLot(t.db, ORIGIN, { gtin: '09520123456788', lot: 'LOT-7' }));
    expect(linksetErrors(set)).toBeNull();
    const ctx = set.linkset[0]!;
    expect(ctx.anchor).toBe(`${ORIGIN}/01/09520123456788/10/LOT-7`);
    expect(ctx[GS1_LINK_TYPES.pip]).toEqual([expect.objectContaining({ href: ctx.anchor, type: 'text/html' })]);
    expect(ctx[GS1_LINK_TYPES.traceability]).toEqual([
      expect.objectContaining({ href: `${ORIGIN}/v1/public/traces/ABCD2345EFGH`, type: 'application/json' }),
      expect.objectContaining({ href: `${ORIGIN}/v1/public/traces/ABCD2345EFGH/record.jws`, type: 'application/jose' }),
    ]);
  });

  it('renders the consumer page with every value escaped', async () => {
    await seedLot(t.db, { name: 'Rice <script>alert(1)</script>', notes: 'dried "sun" & milled' });
    const html = renderLotPage(await resolveLot(t.db, ORIGIN, { gtin: '09520123456788', lot: 'LOT-7' }));
    expect(html).toContain('Rice &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('dried &quot;sun&quot; &amp; milled');
    expect(html).toContain('绿源食品');
    expect(html.indexOf('Harvest')).toBeLessThan(html.indexOf('Shipping'));
    expect(html).toContain('name="viewport"');
  });
});

describe('GS1 resolver not-found pages', () => {
  it('tells a mistyped code from an unknown lot', () => {
    expect(renderNotFoundPage('invalid')).toContain('not a valid GS1 product code');
    expect(renderNotFoundPage('unknown')).toContain('We do not know this product lot');
  });
});
