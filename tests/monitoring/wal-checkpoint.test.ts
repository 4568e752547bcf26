import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { checkpointOffLoop, SQLITE_AUTOCHECKPOINT_PAGES, startWalCheckpointer } from '../../src/db/checkpointer.ts';
import { type Db, openDatabase } from '../../src/db/connect.ts';
import { closeDeps, createDeps } from '../../src/deps.ts';

// Issue 11: on a SQLite file, WAL checkpoints (a copy back into the database file and an fsync)
// run on a thread of their own, never inside a commit on the event loop.
const PAGE = 4096;
const silent = pino({ level: 'silent' });
const autocheckpoint = async (db: Db) =>
  Number(Object.values((await sql<Record<string, number>>`pragma wal_autocheckpoint`.execute(db)).rows[0]!)[0]);

/** Appends `pages` pages of WAL, ten pages a commit (as the metrics flush commits, small and often). */
async function write(db: Db, pages: number) {
  await sql`create table if not exists filler (b blob)`.execute(db);
  for (let i = 0; i < pages / 10; i++) await sql`insert into filler values (randomblob(${10 * PAGE - 200}))`.execute(db);
}

describe('WAL checkpoints off the event loop (SQLite file)', () => {
  const dirs: string[] = [];
  const file = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracehub-wal-'));
    dirs.push(dir);
    return join(dir, 'wal.db');
  };
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const f of cleanups.splice(0).reverse()) await f();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('the server writes with autocheckpoint off and the thread checkpoints the whole WAL', async () => {
    const path = file();
    const config = loadConfig({ DATABASE_URL: path, SEED_DEMO: 'false', SQLITE_CHECKPOINT_MS: '3600000', READ_POOL_THREADS: '0' });
    const deps = createDeps(config, silent);
    cleanups.push(() => closeDeps(deps));
    expect(deps.checkpointer).toBeDefined();
    expect(await autocheckpoint(deps.db)).toBe(0);

    // past SQLite's 1,000 pages, no commit checkpointed: the log only grew
    await write(deps.db, 1500);
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(1500 * PAGE);
    const first = await deps.checkpointer!.checkpoint();
    expect(first.log).toBeGreaterThan(1500);
    expect(first).toEqual({ busy: 0, log: first.log, checkpointed: first.log });

    // checkpointed, the log starts over: the next commits reuse it from its first frame
    await write(deps.db, 100);
    const second = await deps.checkpointer!.checkpoint();
    expect(second.log).toBeLessThan(200);
    expect(second.checkpointed).toBe(second.log);
  });

  it('checkpoints every SQLITE_CHECKPOINT_MS without being asked', async () => {
    const path = file();
    const { db } = openDatabase(path, { walAutocheckpoint: 0 });
    cleanups.push(() => db.destroy());
    const checkpointer = checkpointOffLoop(db, path, 50, silent);
    cleanups.push(() => checkpointer.close());
    await write(db, 300);
    // unchecked, every commit makes the log longer; once a periodic checkpoint has copied it back,
    // the next commit starts it over from its first frame and the file stops growing
    const walSize = () => statSync(`${path}-wal`).size;
    await vi.waitFor(
      async () => {
        const before = walSize();
        await write(db, 10);
        expect(walSize()).toBe(before);
      },
      { timeout: 10_000, interval: 100 },
    );
  });

  it('a thread that fails hands the checkpoints back to the writer', async () => {
    const { db } = openDatabase(file(), { walAutocheckpoint: 0 });
    cleanups.push(() => db.destroy());
    expect(await autocheckpoint(db)).toBe(0);
    const errors: unknown[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => errors.push(JSON.parse(line)) });
    // a file that does not exist: the thread cannot open it
    const checkpointer = checkpointOffLoop(db, join(tmpdir(), 'tracehub-no-such-dir', 'x.db'), 50, logger);
    cleanups.push(() => checkpointer.close());
    await vi.waitFor(async () => expect(await autocheckpoint(db)).toBe(SQLITE_AUTOCHECKPOINT_PAGES), { timeout: 10_000 });
    await expect(checkpointer.checkpoint()).rejects.toThrow();
    expect(errors).toEqual([expect.objectContaining({ msg: 'WAL checkpoint thread failed: commits checkpoint again' })]);
  });

  it('calls onFailure once, and a closed checkpointer refuses work', async () => {
    const onFailure = vi.fn();
    const bad = startWalCheckpointer(join(tmpdir(), 'tracehub-no-such-dir', 'y.db'), { intervalMs: 20, onFailure });
    await vi.waitFor(() => expect(onFailure).toHaveBeenCalled(), { timeout: 10_000 });
    await new Promise((r) => setTimeout(r, 100));
    expect(onFailure).toHaveBeenCalledTimes(1);
    await bad.close();

    const path = file();
    const { db } = openDatabase(path);
    cleanups.push(() => db.destroy());
    const good = startWalCheckpointer(path, { intervalMs: 3_600_000, onFailure });
    await good.close();
    await expect(good.checkpoint()).rejects.toThrow('checkpointer closed');
    expect(onFailure).toHaveBeenCalledTimes(1);
  });
});
