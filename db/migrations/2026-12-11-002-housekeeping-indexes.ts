import type { Kysely } from 'kysely';

/** The housekeeping job (src/services/jobs/housekeeping.ts) deletes by expiry: index it. */
const TABLES = ['revoked_tokens', 'refresh_tokens', 'sms_codes', 'registration_tokens'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const t of TABLES) await db.schema.createIndex(`${t}_expires_idx`).on(t).column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of TABLES) await db.schema.dropIndex(`${t}_expires_idx`).execute();
}
