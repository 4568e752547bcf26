import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Db, type DialectName, migrateToLatest, openDatabase, postgresDatabase } from '../../src/db/connect.ts';

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

/** The advisory lock key between Postgres test schemas being migrated and being dropped. */
const SCHEMA_LOCK = 20261201;

/**
 * Runs `fn` holding the test-schema lock on its own session: `shared` while migrating (Kysely's
 * migrator introspects every schema's tables, and fails with `schema … does not exist` when another
 * test file drops its schema meanwhile), `exclusive` while dropping. Migrations run together; a drop
 * waits for them, and Postgres queues later migrations behind a waiting drop, so neither starves.
 */
export async function withSchemaLock<T>(mode: 'shared' | 'exclusive', fn: (session: pg.Client) => Promise<T>): Promise<T> {
  const session = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await session.connect();
  try {
    await session.query(mode === 'shared' ? 'select pg_advisory_lock_shared($1)' : 'select pg_advisory_lock($1)', [SCHEMA_LOCK]);
    return await fn(session);
  } finally {
    await session.end();
  }
}

/** Creates an empty schema of a random name in the Postgres database at `url`; returns its name. */
async function createSchema(url: string): Promise<string> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  return schema;
}

/**
 * A new empty schema of the Postgres database at `base`, for processes that open the database
 * themselves: `url` is `base` with `options` setting the search_path to it; `drop` removes it.
 */
export async function newSchema(base: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = await createSchema(base);
  return {
    url: `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    async drop() {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

const dropSchema = (schema: string) => withSchemaLock('exclusive', (session) => session.query(`drop schema if exists ${schema} cascade`));

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
  const schema = await createSchema(url);
  const pool = new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${schema}` });
  const db = postgresDatabase(pool);
  await withSchemaLock('shared', () => migrateToLatest(db, { schema }));
  let destroyed: Promise<void> | undefined;
  return {
    db,
    dialect,
    // idempotent: a test that closes its app twice must not fail on the second close
    destroy: () => {
      destroyed ??= db
        .destroy()
        .then(() => dropSchema(schema))
        .then(() => undefined);
      return destroyed;
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
  const schema = await createSchema(url);
  const open = () => postgresDatabase(new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${schema}` }));
  const first = open();
  await withSchemaLock('shared', () => migrateToLatest(first, { schema }));
  await first.destroy();
  return {
    async connect() {
      const handle = open();
      return { db: handle, dialect, destroy: () => handle.destroy() };
    },
    async destroy() {
      await dropSchema(schema);
    },
  };
}
