import { type Compilable, type CompiledQuery, createQueryId, type Kysely } from 'kysely';

/** A hot-path query: Kysely builds and compiles it once per database handle, each run binds new values. */
export type Prepared<DB, A extends unknown[], R> = (db: Kysely<DB>, ...args: A) => Promise<R[]>;

/**
 * The SQL texts of prepared queries, each with a statement name: on Postgres they run as named
 * prepared statements (src/db/connect.ts), parsed and planned once per connection. Bounded by the
 * program's prepared queries.
 */
export const preparedNames = new Map<string, string>();

/** Runs a prepared query's SQL with its parameters on the driver itself; resolves to the rows. */
export type DirectRun = (sql: string, parameters: readonly unknown[]) => Promise<unknown[]>;

const directRuns = new WeakMap<object, DirectRun>();

/**
 * Lets prepared queries on `db` skip Kysely's executor: on Postgres its chain of connection
 * provider, runtime driver, pool checkout and result transforms costs ≈7 µs of CPU a statement
 * more than `pool.query` itself (src/db/connect.ts). Only the handle given here: handles derived from it
 * (`withPlugin`, transactions, `connection()`) are other objects and keep Kysely's path, so a
 * statement inside a transaction runs on its connection and plugins still see every run. Not for
 * SQLite: Kysely's driver lends its one connection under a mutex that a transaction holds across
 * its awaits, and a run beside the mutex would read inside another request's open transaction.
 */
export function runPreparedDirectly<DB>(db: Kysely<DB>, run: DirectRun): void {
  directRuns.set(db, run);
}

/** Stands for argument `index` while the query is built; found again among the compiled parameters. */
class Placeholder {
  constructor(readonly index: number) {}
}

interface Compiled<R> {
  query: CompiledQuery<R>;
  /** Per compiled parameter: the argument it takes (≥ 0), or -1 for a value fixed at build time. */
  slots: number[];
}

/**
 * A query built with Kysely once per database handle (its dialect's SQL), then run with new
 * argument values: `build` gets placeholders for its `arity` arguments, and every run binds the
 * arguments where those appear among the compiled parameters. Building and compiling a select
 * costs more than running it on SQLite (≈8% of a mini search for five statements).
 * `build` must produce the same SQL whatever the values: no branching on them, no value
 * transformed before binding (an `in` list's length is part of the SQL: one Prepared per length).
 * @throws Error at the first run when an argument is not bound as a parameter.
 */
export function prepared<DB, A extends unknown[], R>(
  arity: number,
  build: (db: Kysely<DB>, ...args: A) => Compilable<R>,
): Prepared<DB, A, R> {
  const byDb = new WeakMap<Kysely<DB>, Compiled<R>>();
  return async (db, ...args) => {
    let c = byDb.get(db);
    const first = !c;
    if (!c) {
      c = compile(db, arity, build);
      byDb.set(db, c);
    }
    const { query, slots } = c;
    const parameters = slots.map((slot, i) => (slot < 0 ? query.parameters[i] : args[slot]));
    const direct = directRuns.get(db);
    if (direct) return (await direct(query.sql, parameters)) as R[];
    const queryId = createQueryId();
    // plugins see every run, as they see a built query's (query logs, the security matrix's record
    // of what a request ran); the first run's compile showed it already, and what a plugin would
    // rewrite is in the SQL compiled then
    if (!first) db.getExecutor().transformQuery(query.query, queryId);
    const result = await db.executeQuery<R>({ ...query, parameters, queryId });
    return result.rows;
  };
}

function compile<DB, A extends unknown[], R>(db: Kysely<DB>, arity: number, build: (db: Kysely<DB>, ...args: A) => Compilable<R>) {
  const placeholders = Array.from({ length: arity }, (_, i) => new Placeholder(i));
  const query = build(db, ...(placeholders as unknown as A)).compile();
  const slots = query.parameters.map((p) => (p instanceof Placeholder ? p.index : -1));
  for (const p of placeholders) if (!slots.includes(p.index)) throw new Error(`prepared query: argument ${p.index} is not a parameter`);
  if (!preparedNames.has(query.sql)) preparedNames.set(query.sql, `tracehub_${preparedNames.size}`);
  return { query, slots };
}
