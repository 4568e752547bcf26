/**
 * The checkpoint suite (issue 11, "no stall on the embedded default"): where SQLite's WAL
 * checkpoints run. A file of `mib` MiB is written, then copied with `cp` as a deploy or a restore
 * would copy it: the copy's pages are still dirty in the page cache, so the first fsync of the
 * file waits for all of them (Node's copyFileSync shares or writes the blocks without leaving
 * them dirty here, and shows no such wait). Then a writer commits small transactions on the event loop as the
 * metrics flush and the order writes do: 10 pages each, `commits` of them, 5 ms apart. Two
 * writers, each on a fresh copy: the server's (`wal_autocheckpoint = 0`, checkpoints on their own
 * thread every second, src/db/checkpointer.ts) and SQLite's default (a checkpoint inside the
 * commit that takes the WAL past 1,000 pages). Reported: the slowest commit and the event loop's
 * longest delay, and the default's over the server's as a ratio.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { pino } from 'pino';
import { checkpointOffLoop } from '../../src/db/checkpointer.ts';
import { openDatabase } from '../../src/db/connect.ts';

export interface CheckpointOptions {
  /** Size of the database file, MiB. */
  mib: number;
  commits: number;
}

const PAGE = 4096;

function writeFile(path: string, mib: number) {
  const db = new SQLite(path);
  db.pragma('journal_mode = WAL');
  db.exec('create table big (id integer primary key, b blob)');
  const insert = db.prepare('insert into big (b) values (randomblob(4000))');
  const rows = (mib * 1024 * 1024) / PAGE;
  const fill = db.transaction((n: number) => {
    for (let i = 0; i < n; i++) insert.run();
  });
  for (let done = 0; done < rows; done += 10_000) fill(Math.min(10_000, rows - done));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

async function run(source: string, dir: string, mode: 'thread' | 'default', commits: number) {
  const path = join(dir, `${mode}.db`);
  execFileSync('cp', [source, path]);
  const { db } = openDatabase(path, mode === 'thread' ? { walAutocheckpoint: 0 } : {});
  const checkpointer = mode === 'thread' ? checkpointOffLoop(db, path, 1000, pino({ level: 'error' })) : undefined;
  await sql`create table filler (b blob)`.execute(db);
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  let worst = 0;
  for (let i = 0; i < commits; i++) {
    const start = performance.now();
    await sql`insert into filler values (randomblob(${10 * PAGE - 200}))`.execute(db);
    worst = Math.max(worst, performance.now() - start);
    await sleep(5);
  }
  loop.disable();
  await checkpointer?.close();
  await db.destroy();
  rmSync(path, { force: true });
  return { worst, loopMax: loop.max / 1e6, loopP99: loop.percentile(99) / 1e6 };
}

/** Runs the checkpoint suite (SQLite only: Postgres checkpoints in its own processes). */
export async function runCheckpoint(o: CheckpointOptions): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tracehub-checkpoint-'));
  try {
    const source = join(dir, 'source.db');
    console.log(`[checkpoint] writing a ${o.mib} MiB file`);
    writeFile(source, o.mib);
    const results = [];
    for (const mode of ['thread', 'default'] as const) {
      const r = await run(source, dir, mode, o.commits);
      results.push(r);
      console.log(
        `[checkpoint] ${mode.padEnd(7)} slowest commit ${r.worst.toFixed(1).padStart(7)} ms  event loop: longest delay ${r.loopMax.toFixed(1).padStart(7)} ms, p99 ${r.loopP99.toFixed(1)} ms`,
      );
    }
    const [thread, sqliteDefault] = results as [(typeof results)[0], (typeof results)[0]];
    console.log(
      `\ncheckpoint: ${o.commits} commits of 10 pages on a just-copied ${o.mib} MiB file; SQLite's default over the checkpoint thread:` +
        ` slowest commit ${(sqliteDefault.worst / thread.worst).toFixed(1)}×, longest event-loop delay ${(sqliteDefault.loopMax / thread.loopMax).toFixed(1)}×`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
