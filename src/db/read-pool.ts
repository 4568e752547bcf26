import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { Db } from './connect.ts';

/** A read: `(db, ...args) => Promise<result>`; its arguments and result are structured-cloneable. */
export type Read = (db: Db, ...args: any[]) => Promise<unknown>;
export type Tail<F> = F extends (db: Db, ...args: infer A) => unknown ? A : never;

/**
 * Runs named heavy reads (a fixed registry, e.g. src/services/analytics/heavy-reads.ts) off the event
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

/**
 * A piscina pool of `threads` worker threads, each running `workerUrl` (a module whose default
 * export is `({name, args}) => Promise`) on its own read-only better-sqlite3 connection to the
 * SQLite file `path` (WAL: readers see the last commit and never block the writer). One thread
 * starts at once (loading a worker costs up to seconds in dev), the others on demand, stopping
 * after 60 s idle. Sources (.ts) run in the workers through tsx (dev, tests); the build's .js
 * directly.
 */
export function workerReadPool<R extends Record<string, Read>>(path: string, workerUrl: URL, threads: number): ReadPool<R> {
  const filename = fileURLToPath(workerUrl);
  const needsTsx = filename.endsWith('.ts') && !process.execArgv.some((a) => a.includes('tsx'));
  const pool = new Piscina({
    filename,
    minThreads: 1,
    maxThreads: threads,
    idleTimeout: 60_000,
    workerData: { path },
    ...(needsTsx ? { execArgv: [...process.execArgv, '--import', 'tsx'] } : {}),
  });
  return counted(
    'workers',
    (name, args) => pool.run({ name, args }),
    () => pool.destroy(),
  );
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
