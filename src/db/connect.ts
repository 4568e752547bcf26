import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  type LogEvent,
  Migrator,
  PostgresAdapter,
  PostgresDialect,
  type PostgresPool,
  type PostgresPoolClient,
  type SqliteDatabase,
  SqliteDialect,
  sql,
} from 'kysely';
import pg from 'pg';
import type { Database } from '../../db/database.ts';
import { migrations } from '../../db/migrations/index.ts';
import { type DirectRun, preparedNames, runPreparedDirectly } from './prepared.ts';

export type Db = Kysely<Database>;
export type DialectName = 'sqlite' | 'postgres';

export function dialectOf(url: string): DialectName {
  return /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite';
}

// Postgres returns int8 and numeric as strings; tracehub stores epoch ms and counts in int8,
// all well inside 2^53, so parse them to numbers once, here (DESIGN.md "dialect parity").
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

/**
 * Opens the database named by `url`: a Postgres pool for `postgres://…`, otherwise a SQLite file
 * (created with its folder; WAL, 5 s busy timeout, foreign keys on). `:memory:` is accepted.
 * @param opts.walAutocheckpoint SQLite: `PRAGMA wal_autocheckpoint` of the connection, in WAL
 *   pages; 0 when a checkpoint thread (src/db/checkpointer.ts) does it. Default: SQLite's 1,000.
 * @returns a Kysely handle and its dialect name; the caller destroys it.
 */
export function openDatabase(
  url: string,
  opts: { poolSize?: number; statementTimeoutMs?: number; onSlowQuery?: SlowQueryLog; walAutocheckpoint?: number } = {},
): { db: Db; dialect: DialectName; pool?: pg.Pool } {
  if (dialectOf(url) === 'postgres') {
    const pool = new pg.Pool({
      connectionString: url,
      max: opts.poolSize ?? 10,
      ...(opts.statementTimeoutMs ? { statement_timeout: opts.statementTimeoutMs } : {}),
    });
    return { db: postgresDatabase(pool, opts.onSlowQuery), dialect: 'postgres', pool };
  }
  const log = opts.onSlowQuery ? slowQueryLogger(opts.onSlowQuery) : undefined;
  if (url !== ':memory:') mkdirSync(dirname(url), { recursive: true });
  const sqlite = new SQLite(url);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  if (opts.walAutocheckpoint !== undefined) sqlite.pragma(`wal_autocheckpoint = ${Math.trunc(opts.walAutocheckpoint)}`);
  return {
    db: new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), ...(log ? { log } : {}) }),
    dialect: 'sqlite',
  };
}

/**
 * The Kysely handle on a Postgres pool (openDatabase; the tests' schemas): prepared queries
 * (src/db/prepared.ts) run as named statements, straight on the pool (namedStatementRun), other
 * statements through Kysely; slow and failed statements go to `onSlowQuery`.
 */
export function postgresDatabase(pool: pg.Pool, onSlowQuery?: SlowQueryLog): Db {
  const log = onSlowQuery ? slowQueryLogger(onSlowQuery) : undefined;
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: withNamedStatements(pool) }), ...(log ? { log } : {}) });
  runPreparedDirectly(db, namedStatementRun(pool, onSlowQuery));
  return db;
}

/**
 * A read-only handle on an existing SQLite file (the heavy-read workers, src/db/read-pool.ts):
 * WAL is the writer's setting (kept in the file), so this connection reads the last commit
 * without blocking it; same statement cache as the main connection.
 */
export function openReadOnly(path: string): Db {
  const sqlite = new SQLite(path, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
}

/** Where slow queries go: their SQL (values never logged) and duration in ms. */
export interface SlowQueryLog {
  thresholdMs: number;
  log(entry: { sql: string; durationMs: number; failed: boolean }): void;
}

function slowQueryLogger(sink: SlowQueryLog): (event: LogEvent) => void {
  return (event) => logIfSlow(sink, event.query.sql, event.queryDurationMillis, event.level === 'error');
}

/** Hands a statement to `sink` when it failed or took `thresholdMs` or more (duration in ms). */
function logIfSlow(sink: SlowQueryLog, sql: string, durationMs: number, failed: boolean): void {
  if (failed || durationMs >= sink.thresholdMs) sink.log({ sql, durationMs: Math.round(durationMs), failed });
}

/**
 * Kysely's SQLite driver prepares every query anew, and preparing costs as much as running a
 * small indexed query (9% of a search request's CPU in a profile). The SQL Kysely builds carries
 * no values (they are bound), so statements are kept by SQL text, the last `max` of them.
 * Safe because Kysely runs each statement to completion before the next (`all`/`run`).
 */
function withStatementCache(sqlite: SQLite.Database, max = 1000): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = sqlite.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value as string);
        cache.set(sql, stmt);
      }
      return stmt as unknown as ReturnType<SqliteDatabase['prepare']>;
    },
  };
}

/**
 * The pool as Kysely sees it, its clients running the statements of prepared queries
 * (src/db/prepared.ts) as named prepared statements: Postgres parses and plans each once per
 * connection instead of on every call, as the bare `pg` baseline of the mini bench does. Other
 * statements, of unbounded variety, stay unnamed.
 */
function withNamedStatements(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    end: () => pool.end(),
    async connect() {
      const client = await pool.connect();
      let w = wrapped.get(client);
      if (!w) {
        const c = client;
        w = {
          query: ((text: unknown, values?: unknown[]) => {
            const name = typeof text === 'string' ? preparedNames.get(text) : undefined;
            return name ? c.query({ name, text: text as string, values }) : c.query(text as string, values);
          }) as unknown as PostgresPoolClient['query'],
          release: () => c.release(),
        };
        wrapped.set(client, w);
      }
      return w;
    },
  };
}

/**
 * How prepared queries (src/db/prepared.ts) run on the handle openDatabase returns: `pool.query`
 * with the statement's name, as the bare `pg` baseline of the mini bench does. Kysely's executor
 * around the same call (connection provider, runtime driver, an awaited pool checkout and release,
 * result transforms) cost ≈7 µs of CPU a statement more (3–9 µs over 4 rounds of 60k statements,
 * 8 in flight: 47–60 µs against 39–57), and an order search runs four. Slow and failed
 * statements are logged as Kysely's `log` option logs the others.
 */
function namedStatementRun(pool: pg.Pool, slow?: SlowQueryLog): DirectRun {
  return async (text, values) => {
    const start = performance.now();
    let failed = false;
    try {
      return (await pool.query({ name: preparedNames.get(text), text, values: values as unknown[] })).rows;
    } catch (err) {
      failed = true;
      throw err;
    } finally {
      if (slow) logIfSlow(slow, text, performance.now() - start, failed);
    }
  };
}

/**
 * Applies every pending migration of db/migrations. Instances starting together call it under
 * `withStartupLock` (Kysely's own lock alone would not cover the demo seed that follows).
 * @param opts.schema Postgres schema holding Kysely's migration tables; default: the connection's
 *   `current_schema()` (tests use one schema each; production usually `public`).
 * @throws the first migration error.
 */
export async function migrateToLatest(db: Db, opts: { schema?: string } = {}): Promise<string[]> {
  // On Postgres, Kysely looks for its migration tables in every schema unless told which one:
  // a database holding another schema's tracehub would look migrated already.
  let schema = opts.schema;
  if (!schema && db.getExecutor().adapter instanceof PostgresAdapter) {
    schema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema;
  }
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
