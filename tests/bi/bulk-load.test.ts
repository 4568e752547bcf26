import { type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withBulkRollups } from '../../db/seed/bulk-rollups.ts';
import { fillCommerce } from '../../scripts/generate-commerce.ts';
import { versionOf } from '../../src/services/analytics/report-cache.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { addOrder, addProduct, sh } from './commerce-fixtures.ts';
import { ROLLUPS, snapshot } from './rollup-snapshot.ts';

/**
 * The generator's bulk load (db/seed/bulk-rollups.ts: the triggers dropped on SQLite, disabled in
 * the load's transaction on Postgres, the rollups added set-based) leaves the rollups and data
 * versions as exact as the triggers would, into an empty table (Postgres: every order is new,
 * indexes and foreign keys rebuilt) and over orders already there (the upserts meet existing
 * rows; Postgres: the new orders captured), and the triggers, indexes and keys are back afterwards.
 */

describe.each(DIALECTS)('BI bulk load on %s', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp(dialect, {});
  });
  afterEach(() => t.close());

  /**
   * The indexes, foreign keys and triggers (with their state on Postgres: O on, D off) of the
   * commerce tables, as `db` sees them: the load drops or disables some and restores them.
   */
  const objects = async (db: Kysely<any> = t.deps.db) =>
    (dialect === 'sqlite'
      ? await sql<{ name: string }>`select type || ' ' || name as name from sqlite_master
          where type in ('index', 'trigger') and tbl_name like 'commerce_%' order by 1`.execute(db)
      : await sql<{ name: string }>`
          select 'index ' || indexname as name from pg_indexes where tablename like 'commerce_%' and schemaname = current_schema()
          union all
          select 'fk ' || k.conname from pg_constraint k join pg_class c on c.oid = k.conrelid
           where k.contype = 'f' and c.relname like 'commerce_%' and c.relnamespace = current_schema()::regnamespace
          union all
          select 'trigger ' || t.tgname || ' ' || t.tgenabled::text from pg_trigger t join pg_class c on c.oid = t.tgrelid
           where c.relname like 'commerce_%' and c.relnamespace = current_schema()::regnamespace and not t.tgisinternal
          order by 1`.execute(db)
    ).rows.map((r) => r.name);

  it('keeps the rollups exact and the triggers in place', async () => {
    const now = sh(2024, 6, 30, 12);
    const before = await objects();
    expect(before.filter((o) => o.startsWith('index')).length).toBeGreaterThan(5);
    expect(before.filter((o) => o.startsWith('trigger')).length).toBeGreaterThan(10);
    await fillCommerce(t.deps.db, { orders: 300, days: 20, merchantIds: ['G1', 'G2'], seed: 7, now, progress: false });
    const { expected, got } = await snapshot(t);
    for (const k of ROLLUPS) expect(got[k], k).toEqual(expected[k]);
    expect(expected.hours.size).toBeGreaterThan(50);
    expect(await objects()).toEqual(before);
    // a second load meets the first one's rows (same hours, days, customers)
    const g1 = await versionOf(t.deps.db, 'G1');
    const platform = await versionOf(t.deps.db, null);
    await fillCommerce(t.deps.db, { orders: 200, days: 20, merchantIds: ['G1'], seed: 8, now, progress: false });
    const second = await snapshot(t);
    for (const k of ROLLUPS) expect(second.got[k], k).toEqual(second.expected[k]);
    expect(await versionOf(t.deps.db, 'G1')).toBeGreaterThan(g1);
    expect(await versionOf(t.deps.db, null)).toBeGreaterThan(platform);
    // the triggers are back: a later order moves the rollups and the version
    const v = await versionOf(t.deps.db, 'G2');
    await addProduct(t, 'late', 'G2', 500);
    await addOrder(t, { id: 'late1', factoryId: 'G2', email: 'late@x', status: 'paid', at: sh(2024, 6, 29, 9), items: [['late', 2, 500]] });
    const third = await snapshot(t);
    for (const k of ['hours', 'days', 'firsts', 'gaps', 'lastHours', 'spend', 'prevHours', 'firstHours'] as const)
      expect(third.got[k], k).toEqual(third.expected[k]);
    expect(await versionOf(t.deps.db, 'G2')).toBeGreaterThan(v);
  });

  it.runIf(dialect === 'postgres')('turns the triggers off for its own transaction only', async () => {
    const before = await objects();
    await t.deps.db
      .insertInto('factories')
      .values({ id: 'G1', name: 'G1', created_at: sh(2024, 1, 1) })
      .execute();
    const seen = await t.deps.db
      .transaction()
      .execute((trx) => withBulkRollups(trx, ['G1'], 1000, async () => ({ inside: await objects(trx), outside: await objects() })));
    const bi = (xs: string[]) => xs.filter((x) => x.startsWith('trigger bi_'));
    expect(bi(before).length).toBeGreaterThan(10);
    expect(bi(seen.inside)).toEqual(bi(before).map((x) => x.replace(/ O$/, ' D')));
    expect(seen.outside).toEqual(before);
    expect(await objects()).toEqual(before);
  });

  it('rolls the whole load back, triggers and indexes included, when it fails', async () => {
    const before = await objects();
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
    expect(await objects()).toEqual(before);
    const n = await t.deps.db.selectFrom('commerce_orders').select(sql<number>`count(*)`.as('n')).executeTakeFirst();
    expect(Number(n?.n)).toBe(0);
    await addOrder(t, { id: 'after', factoryId: 'G1', email: 'a@x', status: 'paid', at: sh(2024, 6, 29, 9), subtotal: 100 });
    const { expected, got } = await snapshot(t);
    expect(got.hours).toEqual(expected.hours);
    expect(got.hours.size).toBe(1);
  });
});
