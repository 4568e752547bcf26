import type { Kysely } from 'kysely';
import { ms, notNull } from './helpers.ts';

/**
 * Failed-login lockout counted by reservation (src/services/identity/login-lockout.ts): each key
 * keeps its count, the time of its last counted attempt and its lock. The old fixed-window
 * counters are dropped with their table (short-lived state; keys changed format too).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_failures').ifExists().execute();
  await db.schema
    .createTable('login_failures')
    .addColumn('key', 'varchar(320)', (c) => c.primaryKey()) // u:<id> | login:<login>, [|]ip:<address>
    .addColumn('failures', 'integer', notNull)
    .addColumn('last_at', ms, notNull)
    .addColumn('locked_until', ms)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_failures').ifExists().execute();
  await db.schema
    .createTable('login_failures')
    .addColumn('key', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('failures', 'integer', notNull)
    .addColumn('window_start', ms, notNull)
    .addColumn('locked_until', ms)
    .execute();
}
