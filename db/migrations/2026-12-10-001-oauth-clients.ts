import type { Kysely } from 'kysely';
import { notNull, stamps } from './helpers.ts';

/**
 * OAuth public clients allowed to use the device flow (RFC 8628), registered in the database
 * by platform administrators instead of a config list (config OAUTH_CLIENTS now only registers
 * missing ones at start). A client is never deleted, only disabled: device codes and refresh
 * tokens name it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('oauth_clients')
    .addColumn('client_id', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(100)', notNull)
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .$call(stamps)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('oauth_clients').execute();
}
