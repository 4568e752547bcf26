import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db, DialectName } from './connect.ts';

const POLL_MS = 50;

/**
 * Runs `fn` (migrations, then demo seeding) while holding the database's startup lock, so that
 * instances started together on one empty database take turns: the first migrates and seeds,
 * the others then find nothing left to do (DESIGN.md "Scale-out").
 * - Postgres: a session advisory lock keyed on the current schema (`hashtext`), held on one
 *   pooled connection while `fn` uses the others (so the pool needs two or more); it ends with
 *   the connection if the holder dies.
 * - SQLite: a write transaction (`BEGIN IMMEDIATE`) on `<database file>-startup.lock`, tried
 *   every 50 ms; the operating system drops it if the holder dies. `:memory:` needs none.
 * Both wait without a deadline, as Postgres' own lock waits do.
 * @param opts.onWait called once if another instance holds the lock (to log why start is slow).
 * @returns what `fn` returns; the lock is released whether `fn` succeeds or throws.
 */
export async function withStartupLock<T>(
  db: Db,
  dialect: DialectName,
  fn: () => Promise<T>,
  opts: { onWait?: () => void } = {},
): Promise<T> {
  if (dialect === 'postgres') {
    return db.connection().execute(async (conn) => {
      const key = sql`hashtext('tracehub-startup:' || coalesce(current_schema(), ''))`;
      const tried = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${key}) as locked`.execute(conn);
      if (!tried.rows[0]?.locked) {
        opts.onWait?.();
        await sql`select pg_advisory_lock(${key})`.execute(conn);
      }
      try {
        return await fn();
      } finally {
        await sql`select pg_advisory_unlock(${key})`.execute(conn);
      }
    });
  }
  const { rows } = await sql<{ name: string; file: string }>`pragma database_list`.execute(db);
  const file = rows.find((r) => r.name === 'main')?.file;
  if (!file) return fn(); // in-memory: one process only
  const lock = new SQLite(`${file}-startup.lock`, { timeout: 0 });
  try {
    for (let waited = false; ; waited = true) {
      try {
        lock.exec('BEGIN IMMEDIATE');
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
        if (!waited) opts.onWait?.();
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    }
    return await fn();
  } finally {
    lock.close(); // rolls the empty transaction back, releasing the lock
  }
}
