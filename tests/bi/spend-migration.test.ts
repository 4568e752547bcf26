import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../db/migrations/index.ts';
import { migrateToLatest } from '../../src/db/connect.ts';
import { eachTestApp } from '../helpers/app.ts';
import { DIALECTS } from '../helpers/db.ts';
import { addMerchants, addOrder, addProduct } from './commerce-fixtures.ts';
import { snapshot } from './rollup-snapshot.ts';

const HOUR = 3_600_000;

/**
 * Migration 094 rebuilds the spend rows with four orders from the orders already there, and goes
 * back down to migration 092's three; the triggers follow each layout (093 and 094 go down and up
 * with data in their tables).
 */
describe.each(DIALECTS)('spend rows with four orders on %s', (dialect) => {
  const w = eachTestApp(dialect);

  it('are rebuilt from the orders, down to three and up again', async () => {
    const db = w.t.deps.db;
    await addMerchants(w.t, ['M1', 'M2']);
    await addProduct(w.t, 'P1', 'M1', 100);
    await addProduct(w.t, 'P2', 'M2', 100);
    const at = Date.UTC(2024, 5, 1);
    const statuses = ['paid', 'delivered', 'cancelled', 'shipped', 'paid'] as const;
    for (let i = 0; i < 12; i++) {
      const o = { factoryId: i % 4 ? 'M1' : 'M2', email: `c${i % 3}@x`, status: statuses[i % 5]!, at: at + i * HOUR };
      await addOrder(w.t, { id: `s${i}`, ...o, items: [[i % 4 ? 'P1' : 'P2', 1 + (i % 2), 100 * (i + 1)]] });
    }
    const schema = dialect === 'postgres' ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s : undefined;
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => migrations },
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
    const down = await migrator.migrateTo('2026-12-12-092-customer-spend');
    expect(down.error).toBeUndefined();
    const columns = async () => Object.keys((await db.selectFrom('bi_customer_spend').selectAll().executeTakeFirstOrThrow()) as object);
    expect(await columns()).not.toContain('fourth_at');
    // a change under the three-order triggers, then the rebuild
    await addOrder(w.t, { id: 's-late', factoryId: 'M1', email: 'c0@x', status: 'paid', at: at + 20 * HOUR, items: [['P1', 1, 999]] });
    await migrateToLatest(db, schema ? { schema } : {});
    expect(await columns()).toContain('fourth_at');
    const { expected, got } = await snapshot(w.t);
    expect(got.spend).toEqual(expected.spend);
    expect(got.productHours).toEqual(expected.productHours);
    expect([...got.spend.values()].some((r) => r[8] !== -1)).toBe(true); // a customer with four orders
    // the four-order triggers follow a change
    await db.updateTable('commerce_orders').set({ status: 'cancelled' }).where('id', '=', 's4').execute();
    const after = await snapshot(w.t);
    expect(after.got.spend).toEqual(after.expected.spend);
  });
});
