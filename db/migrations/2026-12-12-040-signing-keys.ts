import type { Kysely } from 'kysely';
import { ms, notNull } from './helpers.ts';

/**
 * Signing keys tracehub generates itself (issue 14 §4): one row per `name`, written once and
 * never changed, so every instance on the database signs with the same key. `trace-record` is the
 * ES256 key of signed public trace records when JWT_PRIVATE_KEY is unset (HS256 deployments).
 * `private_jwk` is the private JWK (with `d`); `public_jwk` is what `/.well-known/jwks.json` lists.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('signing_keys')
    .addColumn('name', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('kid', 'varchar(128)', (c) => c.notNull().unique())
    .addColumn('private_jwk', 'text', notNull)
    .addColumn('public_jwk', 'text', notNull)
    .addColumn('created_at', ms, notNull)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('signing_keys').ifExists().execute();
}
