import type { Kysely } from 'kysely';
import { createIndex } from './helpers.ts';

/** The housekeeping job (src/services/jobs/housekeeping.ts) deletes by expiry: index it. */
const TABLES = ['revoked_tokens', 'refresh_tokens', 'sms_codes', 'registration_tokens'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const t of TABLES) await createIndex(db, `${t}_expires_idx`, t, 'expires_at');
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of TABLES) await db.schema.dropIndex(`${t}_expires_idx`).execute();
}
