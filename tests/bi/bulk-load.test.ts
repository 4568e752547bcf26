import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withBulkRollups } from '../../db/seed/bulk-rollups.ts';
import { fillCommerce } from '../../scripts/generate-commerce.ts';
import { versionOf } from '../../src/services/analytics/report-cache.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { addOrder, addProduct, sh } from './commerce-fixtures.ts';
import { snapshot } from './rollup-snapshot.ts';

/**
 * The generator's bulk load (db/seed/bulk-rollups.ts: on SQLite the row triggers are dropped for
 * the load and the rollups added set-based) leaves the rollups and data versions as exact as the
 * triggers would, over orders already there (the upserts meet existing rows), and the triggers
 * are back afterwards.
 */
describe.each(DIALECTS)('BI bulk load on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect, {});
  });
  afterEach(() => t.close());

  /** The names of the indexes on the commerce tables (the load may drop and build them again). */
  const indexes = async () =>
    dialect === 'sqlite'
      ? (
          await sql<{
            name: string;
          }>`select name from sqlite_master where type = 'index' and tbl_name like 'commerce_%' order by name`.execute(t.deps.db)
        ).rows.map((r) => r.name)
      : (
          await sql<{
            name: string;
          }>`select indexname as name from pg_indexes where tablename like 'commerce_%' and schemaname = current_schema() order by 1`.execute(
            t.deps.db,
          )
        ).rows.map((r) => r.name);

  it('keeps the rollups exact and the triggers in place', async () => {
    const now = sh(2024, 6, 30, 12);
    const before = await indexes();
    expect(before.length).toBeGreaterThan(5);
    await fillCommerce(t.deps.db, { orders: 300, days: 20, merchantIds: ['G1', 'G2'], seed: 7, now, progress: false });
    const { expected, got } = await snapshot(t);
    for (const k of ['hours', 'platform', 'days', 'counts', 'firsts', 'platformFirsts'] as const) expect(got[k], k).toEqual(expected[k]);
    expect(expected.hours.size).toBeGreaterThan(50);
    expect(await indexes()).toEqual(before);
    // a second load meets the first one's rows (same hours, days, customers)
    const g1 = await versionOf(t.deps.db, 'G1');
    const platform = await versionOf(t.deps.db, null);
    await fillCommerce(t.deps.db, { orders: 200, days: 20, merchantIds: ['G1'], seed: 8, now, progress: false });
    const second = await snapshot(t);
    for (const k of ['hours', 'platform', 'days', 'counts', 'firsts', 'platformFirsts'] as const)
      expect(second.got[k], k).toEqual(second.expected[k]);
    expect(await versionOf(t.deps.db, 'G1')).toBeGreaterThan(g1);
    expect(await versionOf(t.deps.db, null)).toBeGreaterThan(platform);
    // the triggers are back: a later order moves the rollups and the version
    const v = await versionOf(t.deps.db, 'G2');
    await addProduct(t, 'late', 'G2', 500);
    await addOrder(t, { id: 'late1', factoryId: 'G2', email: 'late@x', status: 'paid', at: sh(2024, 6, 29, 9), items: [['late', 2, 500]] });
    const third = await snapshot(t);
    for (const k of ['hours', 'days', 'firsts'] as const) expect(third.got[k], k).toEqual(third.expected[k]);
    expect(await versionOf(t.deps.db, 'G2')).toBeGreaterThan(v);
  });

  it('rolls the whole load back, triggers and indexes included, when it fails', async () => {
    const before = await indexes();
    await t.deps.db
      .insertInto('factories')
      .values({ id: 'G1', name: 'G1', created_at: sh(2024, 1, 1) })
      .execute();
    const load = t.deps.db.transaction().execute((trx) =>
      withBulkRollups(trx, ['G1'], 1, async () => {
        await trx
          .insertInto('commerce_orders')
          .values({
            id: 'lost',
            order_number: 'L',
            factory_id: 'G1',
            customer_email: 'l@x',
            customer_name: null,
            status: 'paid',
            subtotal_cents: 1,
            shipping_fee_cents: 0,
            tax_cents: 0,
            total_cents: 1,
            currency: 'CNY',
            created_at: sh(2024, 6, 1),
            updated_at: sh(2024, 6, 1),
          })
          .execute();
        throw new Error('load failed');
      }),
    );
    await expect(load).rejects.toThrow('load failed');
    expect(await indexes()).toEqual(before);
    const n = await t.deps.db.selectFrom('commerce_orders').select(sql<number>`count(*)`.as('n')).executeTakeFirst();
    expect(Number(n?.n)).toBe(0);
    await addOrder(t, { id: 'after', factoryId: 'G1', email: 'a@x', status: 'paid', at: sh(2024, 6, 29, 9), subtotal: 100 });
    const { expected, got } = await snapshot(t);
    expect(got.hours).toEqual(expected.hours);
    expect(got.hours.size).toBe(1);
  });
});
