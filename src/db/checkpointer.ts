import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { Piscina } from 'piscina';
import type { Db } from './connect.ts';
import { workerExecArgv } from './read-pool.ts';

/** A PASSIVE checkpoint's outcome (SQLite `PRAGMA wal_checkpoint`): WAL frames in the log and copied back. */
export interface CheckpointResult {
  /** 1 when another checkpoint or a writer kept this one from finishing (it copied what it could). */
  busy: number;
  /** Frames in the WAL. */
  log: number;
  /** Frames of the WAL now in the database file. */
  checkpointed: number;
}

/**
 * Checkpoints a SQLite file's write-ahead log on a thread of its own. By default SQLite
 * checkpoints inside the commit that takes the WAL past 1,000 pages: on the writer's connection,
 * so on the event loop, copying ≈4 MB back into the database file and fsyncing it. That commit
 * took 9 ms on a settled 3 GB file here, and 0.8–1.2 s on one just copied (the fsync waits for
 * the copy's dirty pages). With this running, the writer sets `wal_autocheckpoint = 0`
 * (openDatabase's `walAutocheckpoint`) and its commits only append. SQLite's write-ahead log,
 * "Checkpointing" and "Automatic Checkpoint" (https://sqlite.org/wal.html): a PASSIVE checkpoint
 * copies what no reader still needs and never waits for the writer or the readers.
 */
export interface WalCheckpointer {
  /** Runs one PASSIVE checkpoint now. @throws Error when the thread failed or is closed. */
  checkpoint(): Promise<CheckpointResult>;
  close(): Promise<void>;
}

export interface CheckpointerOptions {
  /** Milliseconds between checkpoints. */
  intervalMs: number;
  /**
   * Called once when three checkpoints in a row failed (the thread cannot open the file, say):
   * the writer must then checkpoint again itself, or the WAL grows without bound.
   */
  onFailure(err: Error): void;
}

/**
 * Starts the checkpoint thread on the SQLite file `path` (WAL mode, written by another
 * connection): a Piscina pool of one thread, as the heavy reads' (src/db/read-pool.ts). Sources
 * (.ts) run through tsx (dev, tests); the build's .js directly.
 */
export function startWalCheckpointer(path: string, opts: CheckpointerOptions): WalCheckpointer {
  const filename = fileURLToPath(new URL(`./checkpoint-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url));
  const execArgv = workerExecArgv(filename);
  const thread = new Piscina<void, CheckpointResult>({
    filename,
    minThreads: 1,
    maxThreads: 1,
    idleTimeout: Number.POSITIVE_INFINITY,
    workerData: { path },
    ...(execArgv ? { execArgv } : {}),
  });
  let failure: Error | undefined;
  let closed = false;
  const handOver = (err: Error) => {
    if (failure || closed) return;
    failure = err;
    clearInterval(timer);
    opts.onFailure(err);
  };
  // a thread that dies is replaced by Piscina; the pool's own errors end the checkpointer
  thread.on('error', handOver);
  const checkpoint = async () => {
    if (failure || closed) throw failure ?? new Error('checkpointer closed');
    return thread.run();
  };
  // one at a time: a checkpoint slower than the interval is not queued behind itself; three
  // failures in a row (the file cannot be opened, say) hand the checkpoints back to the writer
  let inFlight = false;
  let failedInARow = 0;
  const timer = setInterval(() => {
    if (inFlight) return;
    inFlight = true;
    checkpoint()
      .then(
        () => {
          failedInARow = 0;
        },
        (err: Error) => {
          if (++failedInARow >= 3) handOver(err);
        },
      )
      .finally(() => {
        inFlight = false;
      });
  }, opts.intervalMs);
  timer.unref();

  return {
    checkpoint,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      await thread.destroy();
    },
  };
}

/** SQLite's default `wal_autocheckpoint`, in WAL pages. */
export const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

/**
 * The checkpoint thread of the SQLite file `path`, whose writer `db` was opened with
 * `walAutocheckpoint: 0`, every `intervalMs` ms. Should the thread fail, the failure is logged
 * and the writer checkpoints again as SQLite does by default (SQLITE_AUTOCHECKPOINT_PAGES), so
 * the WAL never grows without bound.
 */
export function checkpointOffLoop(db: Db, path: string, intervalMs: number, logger: Logger): WalCheckpointer {
  return startWalCheckpointer(path, {
    intervalMs,
    onFailure: (err) => {
      logger.error({ err }, 'WAL checkpoint thread failed: commits checkpoint again');
      sql`pragma wal_autocheckpoint = ${sql.lit(SQLITE_AUTOCHECKPOINT_PAGES)}`
        .execute(db)
        .catch((e: unknown) => logger.error({ err: e }, 'wal_autocheckpoint not restored'));
    },
  });
}
