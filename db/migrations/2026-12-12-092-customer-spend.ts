import { type Kysely, sql } from 'kysely';
import { hourDelta } from './2026-12-12-091-customer-last-hours.ts';
import {
  createHourTables,
  createSpendIndexes,
  createSpendTables,
  createSpendTriggers,
  dropSpendTriggers,
  FIRST_HOUR_SCOPES,
  PREV_HOUR_SCOPES,
  prevHoursFromSpend,
  SPEND_SCOPES,
  spendFills,
} from './bi-customer-spend.ts';
import { createIndex } from './helpers.ts';

/**
 * Each customer's spend over all time, ranked, and customers per hour of their second-to-last
 * and of their first counted order (bi-customer-spend.ts), so that the customer report of the last N days neither groups
 * the period's orders by email (issue 11 §4: platform-wide at 10M orders, 4.0 s for 90 days and
 * 18.2 s for 365 in the worker pool; one merchant's 365 days 628 ms). Filled from the orders.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // the walk looks platform customers' period orders up by email: with the total in the index it
  // reads no table rows (22 µs a customer with them, 10M orders)
  await createIndex(db, 'commerce_orders_email_cov_idx', 'commerce_orders', ['customer_email', 'created_at', 'status', 'total_cents']);
  await db.schema.dropIndex('commerce_orders_email_idx').execute();
  // 092's rows hold three orders (migration 094 makes it four)
  await createSpendTables(db, 3);
  await createHourTables(db);
  await createSpendTriggers(db, 3);
  for (const statement of [...spendFills(() => 'true', 3), ...prevHoursFromSpend()]) await sql.raw(statement).execute(db);
  for (const { table, keys } of FIRST_HOUR_SCOPES) {
    const all = `select ${keys.join(', ')}, created_at, status from commerce_orders`;
    await sql.raw(hourDelta('min', table, keys, all, `${all} where false`)).execute(db);
  }
  await createSpendIndexes(db, 3);
}

export async function down(db: Kysely<any>): Promise<void> {
  await createIndex(db, 'commerce_orders_email_idx', 'commerce_orders', ['customer_email', 'created_at', 'status']);
  await db.schema.dropIndex('commerce_orders_email_cov_idx').execute();
  await dropSpendTriggers(db);
  for (const { table } of [...SPEND_SCOPES, ...PREV_HOUR_SCOPES, ...FIRST_HOUR_SCOPES]) await db.schema.dropTable(table).execute();
}
