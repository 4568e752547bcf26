/** `npm run migrate`: applies pending migrations to DATABASE_URL (SQLite file or Postgres). */
import { loadConfig } from '../src/config.ts';
import { migrateToLatest, openDatabase } from '../src/db/connect.ts';
import { withStartupLock } from '../src/db/startup-lock.ts';

const config = loadConfig(process.env);
const { db, dialect } = openDatabase(config.DATABASE_URL);
try {
  const applied = await withStartupLock(db, dialect, () => migrateToLatest(db));
  console.log(applied.length ? `applied on ${dialect}: ${applied.join(', ')}` : `${dialect}: already up to date`);
} finally {
  await db.destroy();
}
