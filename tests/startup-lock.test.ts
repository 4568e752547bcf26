import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { DEMO_FACTORY_ID } from '../db/seed/demo.ts';
import { type Db, type DialectName, openDatabase } from '../src/db/connect.ts';
import { withStartupLock } from '../src/db/startup-lock.ts';
import { DIALECTS, newSchema } from './helpers/db.ts';
import { type ServerProcess, startServerProcess } from './helpers/server-process.ts';

/**
 * One empty database that separate processes can open: a SQLite file, or a new schema of the
 * TEST_DATABASE_URL database reached through a URL whose `options` set the search_path.
 */
async function emptyDatabase(dialect: DialectName): Promise<{ url: string; open(): Db; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tracehub-lock-'));
    const url = join(dir, 'db.sqlite');
    return { url, open: () => openDatabase(url).db, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const { url, drop } = await newSchema(process.env.TEST_DATABASE_URL as string);
  return {
    url,
    open: () => new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 3 }) }) }),
    drop,
  };
}

describe.each(DIALECTS)('startup lock (%s)', (dialect) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('lets one holder in at a time and tells the waiter', async () => {
    const database = await emptyDatabase(dialect);
    cleanups.push(database.drop);
    const a = database.open();
    const b = database.open();
    cleanups.push(
      () => a.destroy(),
      () => b.destroy(),
    );
    const events: string[] = [];
    let waited = 0;
    const hold = (name: string, ms: number) => async () => {
      events.push(`${name} in`);
      await new Promise((r) => setTimeout(r, ms));
      events.push(`${name} out`);
      return name;
    };
    const first = withStartupLock(a, dialect, hold('a', 300));
    await new Promise((r) => setTimeout(r, 100));
    const second = withStartupLock(b, dialect, hold('b', 10), { onWait: () => waited++ });
    expect(await Promise.all([first, second])).toEqual(['a', 'b']);
    expect(events).toEqual(['a in', 'a out', 'b in', 'b out']);
    expect(waited).toBe(1);

    // released after a failure too
    await expect(withStartupLock(a, dialect, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await withStartupLock(b, dialect, async () => 'free', { onWait: () => waited++ })).toBe('free');
    expect(waited).toBe(1);
  });

  // Spawns three servers: part of the runs that include Postgres, skipped in SQLite-only ones.
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'three instances started together on one empty database all come up, with the demo data once',
    async () => {
      const database = await emptyDatabase(dialect);
      cleanups.push(database.drop);
      const files = mkdtempSync(join(tmpdir(), 'tracehub-lock-files-'));
      cleanups.push(async () => rmSync(files, { recursive: true, force: true }));
      const env = {
        NODE_ENV: 'development',
        SEED_DEMO: 'true',
        DATABASE_URL: database.url,
        UPLOAD_DIR: join(files, 'uploads'),
        ATTACHMENTS_DIR: join(files, 'attachments'),
      };
      const servers: ServerProcess[] = await Promise.all([1, 2, 3].map(() => startServerProcess(['--import', 'tsx', 'src/main.ts'], env)));
      cleanups.push(() => Promise.all(servers.map((s) => s.stop())));
      await Promise.all(servers.map((s) => s.listening(50_000)));

      for (const s of servers) {
        const res = await fetch(`http://127.0.0.1:${s.port}/api/health/check`);
        expect(res.status, s.output()).toBe(200);
      }
      const logs = servers.map((s) => s.output());
      expect(logs.filter((l) => l.includes('demo data seeded'))).toHaveLength(1);
      expect(logs.filter((l) => l.includes('"msg":"migrated"'))).toHaveLength(1);

      const db = database.open();
      try {
        const count = async (table: 'factories' | 'users' | 'erp_companies') =>
          Number((await db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
        const admins = await db.selectFrom('users').select('id').where('username', '=', 'platform_admin').execute();
        expect(admins).toHaveLength(1);
        expect(await db.selectFrom('factories').select('id').where('id', '=', DEMO_FACTORY_ID).execute()).toHaveLength(1);
        expect(await count('erp_companies')).toBe(2);
        expect(await count('factories')).toBeGreaterThan(0);
      } finally {
        await db.destroy();
      }
      expect(await Promise.all(servers.map((s) => s.stop()))).toEqual([0, 0, 0]);
    },
    90_000,
  );
});
