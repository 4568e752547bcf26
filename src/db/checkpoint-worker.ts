/**
 * The WAL checkpoint thread (src/db/checkpointer.ts): one read-write better-sqlite3 connection to
 * the SQLite file of `workerData.path`, opened by the first task (so that a file that cannot be
 * opened fails the task with SQLite's error rather than the thread's start); each task runs a
 * PASSIVE checkpoint and resolves to SQLite's `wal_checkpoint` row.
 */
import { workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';

const { path } = workerData as { path: string };
let db: SQLite.Database | undefined;

function open(): SQLite.Database {
  const opened = new SQLite(path, { fileMustExist: true });
  opened.pragma('busy_timeout = 5000');
  // this connection only checkpoints: its own commits (none) must not trigger one either
  opened.pragma('wal_autocheckpoint = 0');
  return opened;
}

export default function checkpoint(): { busy: number; log: number; checkpointed: number } {
  db ??= open();
  const [row] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
  return { busy: row!.busy, log: row!.log, checkpointed: row!.checkpointed };
}
