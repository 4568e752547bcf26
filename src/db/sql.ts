import { sql } from 'kysely';

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

/** Whether a database error is a unique-constraint violation (SQLite `SQLITE_CONSTRAINT_UNIQUE`, Postgres 23505). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown } | null;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
