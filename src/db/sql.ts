import { type Expression, sql } from 'kysely';

/**
 * The one home of SQL whose spelling differs by dialect (DESIGN.md "dialect parity").
 * Everything else goes through Kysely's portable builders.
 */

/** Case-insensitive LIKE: ILIKE on Postgres, LIKE (ASCII case-insensitive) on SQLite. */
export function likeOperator(dialect: 'sqlite' | 'postgres'): 'ilike' | 'like' {
  return dialect === 'postgres' ? 'ilike' : 'like';
}

/** Escapes `%`, `_` and `\` so user text matches literally inside a LIKE pattern. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/** `count(*)` as a number on both dialects. */
export const countAll = sql<number>`cast(count(*) as integer)`;

/**
 * `ref` contains `text` literally, case-insensitively: ILIKE/LIKE with `%`, `_` and `\` escaped
 * and an explicit ESCAPE clause (SQLite has no default escape character).
 */
export function containsText(dialect: 'sqlite' | 'postgres', ref: Expression<unknown>, text: string) {
  return sql<boolean>`${ref} ${sql.raw(likeOperator(dialect))} ${likePattern(text)} escape '\\'`;
}

/** SQLSTATE / SQLite extended code of a driver error, if any. */
function driverCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** True for a UNIQUE (or primary key) violation on either dialect: Postgres 23505, SQLite CONSTRAINT_UNIQUE. */
export function isUniqueViolation(err: unknown): boolean {
  const code = driverCode(err);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Refreshes planner statistics after bulk loads: `vacuum analyze` on Postgres (also sets the
 * visibility map, so index-only scans skip the heap), `analyze` on SQLite. Not inside a transaction.
 */
export function refreshStatistics(dialect: 'sqlite' | 'postgres') {
  return dialect === 'postgres' ? sql`vacuum analyze` : sql`analyze`;
}
