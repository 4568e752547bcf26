import { type Kysely, sql } from 'kysely';
import { createGapTriggers, dropGapTriggers, GAP_SCOPES, gapDelta, spanUpsert } from './bi-customer-gaps.ts';
import { createHistogramTable } from './bi-customer-triggers.ts';
import { createIndex, isPostgres } from './helpers.ts';

/**
 * Distinct customers without grouping orders by email (issue 11 §4: a platform-wide 365-day
 * sales report at 10M orders took 32.5 s cold on Postgres, past its statement timeout, counting
 * distinct emails per day and over the period):
 * - `bi_customer_gaps` / `bi_platform_customer_gaps`: customers per (UTC hour, gap since their
 *   previous hour), per merchant and platform-wide; distinct customers of any local day are a
 *   sum over them (bi-customer-gaps.ts says why it is exact).
 * - `last_at` beside `first_at` in the customers' first-order tables of migration 042: the
 *   customers of the last N days are those whose last counted order is inside them.
 * Triggers keep both exact (per row on SQLite, per statement on Postgres); filled from the orders.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  for (const { table, keys } of GAP_SCOPES) {
    const firsts = table.replace('_gaps', '_firsts');
    await db.schema.alterTable(firsts).addColumn('last_at', 'bigint').execute();
    const scopeKeys = keys.filter((k) => k !== 'customer_email');
    await createHistogramTable(db, { table, keys }, ['gap']);
    await createIndex(db, `${firsts}_last_idx`, firsts, [...scopeKeys, 'last_at']);
  }
  await createGapTriggers(db);
  const k = (keys: readonly string[]) => keys.join(', ');
  for (const { table, keys } of GAP_SCOPES) {
    const all = `select ${k(keys)}, created_at, status from commerce_orders`;
    await sql.raw(gapDeltaAll(table, keys, all, pg)).execute(db);
    await sql.raw(spanUpsert(table.replace('_gaps', '_firsts'), keys, `select distinct ${k(keys)} from commerce_orders`)).execute(db);
  }
}

/** The histogram of every order (nothing before). */
const gapDeltaAll = (table: string, keys: readonly string[], all: string, pg: boolean) =>
  gapDelta(table, keys, all, `${all} where false`, pg);

export async function down(db: Kysely<any>): Promise<void> {
  await dropGapTriggers(db);
  for (const { table } of GAP_SCOPES) {
    const firsts = table.replace('_gaps', '_firsts');
    await db.schema.dropIndex(`${firsts}_last_idx`).execute();
    await db.schema.alterTable(firsts).dropColumn('last_at').execute();
    await db.schema.dropTable(table).execute();
  }
}
