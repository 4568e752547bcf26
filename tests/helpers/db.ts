import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../../db/database.ts';
import { type Db, type DialectName, migrateToLatest, openDatabase } from '../../src/db/connect.ts';

/**
 * The dialects this run covers: SQLite always, Postgres when TEST_DATABASE_URL names one
 * (Kysely's own suite does the same). Use with `describe.each(DIALECTS)`.
 */
export const DIALECTS: DialectName[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase {
  db: Db;
  dialect: DialectName;
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated database for one test: an in-memory SQLite database, or a new schema in the
 * TEST_DATABASE_URL Postgres database (dropped by `destroy`).
 */
export async function freshDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const { db } = openDatabase(':memory:');
    await migrateToLatest(db);
    return { db, dialect, destroy: () => db.destroy() };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${schema}` });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  await migrateToLatest(db, { schema });
  return {
    db,
    dialect,
    destroy: async () => {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(db);
      await db.destroy();
    },
  };
}

/**
 * One migrated database that several app instances open, each with its own connection (pool), as
 * instances of a scaled-out deployment do: a SQLite file in WAL mode, or a Postgres schema.
 * `connect()` opens another handle (its `destroy` closes that handle only); `destroy()` removes
 * the database once every handle is closed.
 */
export async function sharedDatabase(dialect: DialectName): Promise<{ connect(): Promise<TestDatabase>; destroy(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tracehub-shared-'));
    const file = join(dir, 'shared.db');
    const { db } = openDatabase(file);
    await migrateToLatest(db);
    await db.destroy();
    return {
      async connect() {
        const { db: handle } = openDatabase(file);
        return { db: handle, dialect, destroy: () => handle.destroy() };
      },
      async destroy() {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const open = () =>
    new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${schema}` }) }),
    });
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const first = open();
  await migrateToLatest(first, { schema });
  await first.destroy();
  return {
    async connect() {
      const handle = open();
      return { db: handle, dialect, destroy: () => handle.destroy() };
    },
    async destroy() {
      const db = open();
      await sql`drop schema ${sql.id(schema)} cascade`.execute(db);
      await db.destroy();
    },
  };
}
