import type { Kysely } from 'kysely';
import type { Db } from './connect.ts';

/**
 * Spends a single-use row (a refresh token, an SMS code, a registration token): sets `column`
 * to `now` where `key` names the row and `column` is still null (and, with `expiresColumn`, the
 * row has not expired), in one UPDATE, so of two concurrent spenders exactly one wins.
 * @param key one column and value that name the row, e.g. `{ id: 42 }`.
 * @returns true when this call spent the row; false when it was already spent, expired or absent.
 */
export async function spendOnce(
  db: Db,
  table: 'refresh_tokens' | 'sms_codes' | 'registration_tokens',
  column: 'rotated_at' | 'consumed_at' | 'used_at',
  key: Record<string, string | number>,
  now: number,
  expiresColumn?: 'expires_at',
): Promise<boolean> {
  // any: the three tables share no column type Kysely could check here; the parameters above do.
  let update = (db as unknown as Kysely<any>)
    .updateTable(table)
    .set({ [column]: now })
    .where(column, 'is', null);
  for (const [name, value] of Object.entries(key)) update = update.where(name, '=', value);
  if (expiresColumn) update = update.where(expiresColumn, '>', now);
  return Number((await update.executeTakeFirst()).numUpdatedRows) === 1;
}
