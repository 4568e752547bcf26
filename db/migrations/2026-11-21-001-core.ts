import type { Kysely } from 'kysely';
import { createIndex, ms, notNull, stamps, withId } from './helpers.ts';

/** Identity, tenancy, token revocation and the call logs behind the metrics endpoints. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('factories')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(200)', notNull)
    .addColumn('industry', 'varchar(100)')
    .addColumn('address', 'varchar(300)')
    .addColumn('contact_name', 'varchar(100)')
    .addColumn('contact_phone', 'varchar(32)')
    .addColumn('contact_email', 'varchar(200)')
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ms, notNull)
    .execute();

  await withId(db, db.schema.createTable('users'))
    .addColumn('factory_id', 'varchar(64)', (c) => c.references('factories.id'))
    .addColumn('user_type', 'varchar(16)', notNull) // platform | factory | wechat
    .addColumn('username', 'varchar(100)', (c) => c.unique())
    .addColumn('email', 'varchar(200)', (c) => c.unique())
    .addColumn('phone', 'varchar(32)', (c) => c.unique())
    .addColumn('password_hash', 'varchar(255)')
    .addColumn('name', 'varchar(100)')
    .addColumn('role', 'varchar(32)', notNull)
    .addColumn('permissions', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('department', 'varchar(100)')
    .addColumn('position', 'varchar(100)')
    .addColumn('openid', 'varchar(128)', (c) => c.unique())
    .addColumn('nickname', 'varchar(100)')
    .addColumn('avatar_url', 'varchar(500)')
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .$call(stamps)
    .addColumn('last_login_at', ms)
    .execute();
  await createIndex(db, 'users_factory_idx', 'users', ['factory_id', 'id']);

  await db.schema
    .createTable('revoked_tokens')
    .addColumn('jti', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'bigint', notNull)
    .addColumn('expires_at', ms, notNull)
    .execute();

  await withId(db, db.schema.createTable('api_calls'))
    .addColumn('ts', ms, notNull)
    .addColumn('method', 'varchar(8)', notNull)
    .addColumn('route', 'varchar(200)', notNull)
    .addColumn('status', 'integer', notNull)
    .addColumn('duration_ms', 'real', notNull)
    .execute();
  await createIndex(db, 'api_calls_ts_idx', 'api_calls', 'ts');

  await withId(db, db.schema.createTable('erp_calls'))
    .addColumn('ts', ms, notNull)
    .addColumn('endpoint', 'varchar(200)', notNull)
    .addColumn('ok', 'integer', notNull)
    .addColumn('duration_ms', 'real', notNull)
    .addColumn('error', 'varchar(500)')
    .execute();
  await createIndex(db, 'erp_calls_ts_idx', 'erp_calls', 'ts');
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['erp_calls', 'api_calls', 'revoked_tokens', 'users', 'factories']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
