import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fillCommerce } from '../../scripts/generate-commerce.ts';
import { type Db, migrateToLatest, openDatabase } from '../../src/db/connect.ts';

/**
 * The generator's offline load on a SQLite file (scripts/generate-commerce.ts `offline`): it runs
 * with a rollback journal, so the load's pages go to the file once instead of through the WAL, and
 * the file is back in WAL mode afterwards, with every order there.
 */
describe('offline load on a SQLite file', () => {
  let dir: string;
  let file: string;
  let db: Db;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tracehub-offline-'));
    file = join(dir, 'load.db');
    ({ db } = openDatabase(file));
    await migrateToLatest(db);
    // migrations leave pages in the log: start both cases from an empty one
    await sql`pragma wal_checkpoint(truncate)`.execute(db);
  });
  afterEach(async () => {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  const walBytes = () => statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0;
  const journalMode = async () => (await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db)).rows[0]?.journal_mode;
  const orders = async () => Number((await sql<{ n: number }>`select count(*) as n from commerce_orders`.execute(db)).rows[0]?.n);
  const load = (offline: boolean) =>
    fillCommerce(db, { orders: 3_000, days: 30, merchantIds: ['O1', 'O2'], seed: 5, progress: false, offline });

  it('writes the load past the WAL and restores WAL mode', async () => {
    await load(true);
    expect(await journalMode()).toBe('wal');
    expect(await orders()).toBe(3_000);
    // the log holds at most the pages of the switch back, not the load's ~1 MB
    expect(walBytes()).toBeLessThan(64 * 1024);
  });

  it('keeps WAL by default, so that readers of a live file see the last commit throughout', async () => {
    await load(false);
    expect(await journalMode()).toBe('wal');
    expect(await orders()).toBe(3_000);
    expect(walBytes()).toBeGreaterThan(256 * 1024);
  });
});
