import type { Kysely } from 'kysely';

/**
 * A per-user token epoch (issue 13 item 4): every access token carries the epoch its user had
 * when it was issued (claim `tep`); a password change or an administrator's reset increments
 * the column, and the edge's user lookup refuses a token whose epoch is no longer current. It
 * lives in the database, so every instance sees an increment on its next request.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('token_epoch', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('token_epoch').execute();
}
