import type { Kysely } from 'kysely';
import { createIndex, ms, notNull, refersTo } from './helpers.ts';

/** Opaque refresh tokens, stored as SHA-256 hashes, grouped in rotation families (DESIGN.md). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('refresh_tokens')
    .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('family_id', 'varchar(64)', notNull)
    .addColumn('user_id', 'bigint', refersTo('users.id'))
    .addColumn('client', 'varchar(64)', notNull) // mobile | v1 | oauth:<client_id>
    .addColumn('device_id', 'varchar(128)')
    .addColumn('expires_at', ms, notNull)
    .addColumn('created_at', ms, notNull)
    .addColumn('rotated_at', ms)
    .addColumn('revoked_at', ms)
    .execute();
  await createIndex(db, 'refresh_tokens_family_idx', 'refresh_tokens', 'family_id');
  await createIndex(db, 'refresh_tokens_user_idx', 'refresh_tokens', 'user_id');
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('refresh_tokens').ifExists().execute();
}
