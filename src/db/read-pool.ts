import { getPriority, setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Db } from './connect.ts';

/** A read: `(db, ...args) => Promise<result>`; its arguments and result are structured-cloneable. */
export type Read = (db: Db, ...args: any[]) => Promise<unknown>;
export type Tail<F> = F extends (db: Db, ...args: infer A) => unknown ? A : never;

/**
 * Runs named heavy reads (a fixed registry, e.g. src/services/heavy-reads/registry.ts) off the event
 * loop on SQLite, or inline where the driver is asynchronous already (Postgres).
 */
export interface ReadPool<R extends Record<string, Read>> {
  /** Where the reads run: `inline` on the caller's connection, `workers` on a pool of threads. */
  readonly mode: 'inline' | 'workers';
  /** Reads started and not yet settled (queued ones included). */
  readonly running: number;
  /** Runs `name(db, ...args)`; rejects with what the read threw (a plain Error when it ran in a worker). */
  run<K extends keyof R & string>(name: K, ...args: Tail<R[K]>): Promise<Awaited<ReturnType<R[K]>>>;
  close(): Promise<void>;
}

/** The reads run on `db` itself: Postgres (asynchronous already), `:memory:` SQLite, or a pool of 0 threads. */
export function inlineReadPool<R extends Record<string, Read>>(db: Db, registry: R): ReadPool<R> {
  return counted(
    'inline',
    (name, args) => registry[name]!(db, ...args),
    async () => undefined,
  );
}

/** Where the worker reads run: `threads` for the heavy lane; `quick` names get a lane of one thread; both `nice` levels below the server. */
export interface WorkerLanes {
  threads: number;
  /** 0–19, added to the threads' nice value (Linux: per thread); 0 keeps the server's priority. */
  nice: number;
  quick?: readonly string[];
}

/**
 * Pools of worker threads running `workerUrl` (a module whose default export is
 * `({name, args}) => Promise`), each thread with its own read-only better-sqlite3 connection to
 * the SQLite file `path` (WAL: readers see the last commit and never block the writer). The heavy
 * lane has `lanes.threads` threads; the reads named in `lanes.quick` run on a lane of one thread
 * of their own, never queued behind a heavy one. Every thread runs `lanes.nice` levels below the
 * server, so that a read takes the CPU the event loop leaves rather than competing with it. One thread per lane starts at
 * once (loading a worker costs up to seconds in dev), the others on demand, stopping after 60 s
 * idle. Sources (.ts) run in the workers through tsx (dev, tests); the build's .js directly.
 */
export function workerReadPool<R extends Record<string, Read>>(path: string, workerUrl: URL, lanes: WorkerLanes): ReadPool<R> {
  const filename = fileURLToPath(workerUrl);
  const execArgv = workerExecArgv(filename);
  const lane = (threads: number) =>
    new Piscina({
      filename,
      minThreads: 1,
      maxThreads: threads,
      idleTimeout: 60_000,
      workerData: { path, nice: lanes.nice },
      ...(execArgv ? { execArgv } : {}),
    });
  const heavy = lane(lanes.threads);
  const quickNames = new Set(lanes.quick ?? []);
  const quick = quickNames.size ? lane(1) : heavy;
  return counted(
    'workers',
    (name, args) => (quickNames.has(name) ? quick : heavy).run({ name, args }),
    async () => {
      await Promise.all([heavy.destroy(), quick === heavy ? undefined : quick.destroy()]);
    },
  );
}

/**
 * The `execArgv` of a worker thread running `filename`: undefined (the thread inherits the
 * process's flags) unless `filename` is a TypeScript source the process cannot load by itself
 * (it registered tsx through its API, as scripts/launch.mjs does for `npm start`, or none). Then
 * `--import tsx` alone: flags given explicitly must all be valid for a worker, and V8 options
 * such as npm start's `--max-semi-space-size` are not (Node throws ERR_WORKER_INVALID_EXEC_ARGV;
 * they apply to every thread of the process anyway).
 */
export function workerExecArgv(filename: string): string[] | undefined {
  const needsTsx = filename.endsWith('.ts') && !process.execArgv.some((a) => a.includes('tsx'));
  return needsTsx ? ['--import', 'tsx'] : undefined;
}

/**
 * Adds `nice` (0–19) to the calling thread's nice value (lower priority; at most 19). On Linux the
 * nice value is per thread, so a worker thread calling this leaves the event loop's thread as it
 * was; a worker starts with its creator's value, so the lane stays `nice` below the server
 * whatever the server was started with. Best effort: a platform that refuses keeps the thread's
 * priority (a read is never failed for it).
 */
export function lowerThreadPriority(nice: number): void {
  if (nice <= 0) return;
  try {
    setPriority(Math.min(19, getPriority() + nice));
  } catch {
    // keep the inherited priority
  }
}

function counted<R extends Record<string, Read>>(
  mode: ReadPool<R>['mode'],
  start: (name: string, args: unknown[]) => Promise<unknown>,
  close: () => Promise<void>,
): ReadPool<R> {
  let running = 0;
  return {
    mode,
    get running() {
      return running;
    },
    run(name, ...args) {
      running++;
      return start(name, args).finally(() => running--) as never;
    },
    close,
  };
}
