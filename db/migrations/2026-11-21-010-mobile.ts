import type { Kysely } from 'kysely';
import { createIndex, ms, notNull, refersTo, tenantTable, withId } from './helpers.ts';

/**
 * Spec 002 (factory mobile app, platform console): phone whitelist, SMS codes, registration
 * tokens, login-failure counters, bound devices, app activation codes, uploads, AI analyses.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await tenantTable(db, 'phone_whitelist')
    .addColumn('phone', 'varchar(32)', notNull)
    .addColumn('expires_at', ms)
    .addColumn('created_by', 'bigint')
    .addColumn('created_at', ms, notNull)
    .addUniqueConstraint('phone_whitelist_factory_phone_uq', ['factory_id', 'phone'])
    .execute();
  await createIndex(db, 'phone_whitelist_phone_idx', 'phone_whitelist', 'phone');

  await withId(db, db.schema.createTable('sms_codes'))
    .addColumn('phone', 'varchar(32)', notNull)
    .addColumn('purpose', 'varchar(32)', notNull) // registration | login | reset_password
    .addColumn('code_hash', 'varchar(64)', notNull)
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', ms, notNull)
    .addColumn('consumed_at', ms)
    .addColumn('created_at', ms, notNull)
    .execute();
  await createIndex(db, 'sms_codes_phone_idx', 'sms_codes', ['phone', 'created_at']);

  await db.schema
    .createTable('registration_tokens')
    .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('phone', 'varchar(32)', notNull)
    .addColumn('factory_id', 'varchar(64)', notNull)
    .addColumn('expires_at', ms, notNull)
    .addColumn('used_at', ms)
    .addColumn('created_at', ms, notNull)
    .execute();

  await db.schema
    .createTable('login_failures')
    .addColumn('key', 'varchar(200)', (c) => c.primaryKey()) // acct:<login> | ip:<address>
    .addColumn('failures', 'integer', notNull)
    .addColumn('window_start', ms, notNull)
    .addColumn('locked_until', ms)
    .execute();

  await withId(db, db.schema.createTable('user_devices'))
    .addColumn('user_id', 'bigint', refersTo('users.id'))
    .addColumn('device_id', 'varchar(128)', notNull)
    .addColumn('device_model', 'varchar(100)')
    .addColumn('platform', 'varchar(32)')
    .addColumn('os_version', 'varchar(32)')
    .addColumn('token_hash', 'varchar(64)', notNull)
    .addColumn('created_at', ms, notNull)
    .addColumn('last_login_at', ms)
    .addUniqueConstraint('user_devices_user_device_uq', ['user_id', 'device_id'])
    .execute();
  await createIndex(db, 'user_devices_token_idx', 'user_devices', 'token_hash');

  await db.schema
    .createTable('activation_codes')
    .addColumn('code', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('description', 'varchar(200)')
    .addColumn('max_uses', 'integer', notNull)
    .addColumn('used_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', ms)
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ms, notNull)
    .execute();

  await withId(db, db.schema.createTable('app_activations'))
    .addColumn('code', 'varchar(64)', refersTo('activation_codes.code'))
    .addColumn('device_id', 'varchar(128)', notNull)
    .addColumn('device_model', 'varchar(100)')
    .addColumn('activated_at', ms, notNull)
    .addUniqueConstraint('app_activations_code_device_uq', ['code', 'device_id'])
    .execute();

  await withId(db, db.schema.createTable('mobile_uploads'))
    .addColumn('user_id', 'bigint', refersTo('users.id'))
    .addColumn('factory_id', 'varchar(64)')
    .addColumn('storage_key', 'varchar(200)', notNull)
    .addColumn('original_name', 'varchar(255)', notNull)
    .addColumn('mime_type', 'varchar(64)', notNull)
    .addColumn('size_bytes', 'bigint', notNull)
    .addColumn('category', 'varchar(64)')
    .addColumn('metadata', 'text')
    .addColumn('created_at', ms, notNull)
    .execute();
  await createIndex(db, 'mobile_uploads_user_idx', 'mobile_uploads', ['user_id', 'created_at']);

  await withId(db, db.schema.createTable('ai_analyses'))
    .addColumn('user_id', 'bigint', refersTo('users.id'))
    .addColumn('request_id', 'varchar(100)', notNull)
    .addColumn('input', 'text', notNull)
    .addColumn('result', 'text', notNull)
    .addColumn('model', 'varchar(100)', notNull)
    .addColumn('prompt_tokens', 'integer')
    .addColumn('completion_tokens', 'integer')
    .addColumn('created_at', ms, notNull)
    .addUniqueConstraint('ai_analyses_user_request_uq', ['user_id', 'request_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'ai_analyses',
    'mobile_uploads',
    'app_activations',
    'activation_codes',
    'user_devices',
    'login_failures',
    'registration_tokens',
    'sms_codes',
    'phone_whitelist',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
