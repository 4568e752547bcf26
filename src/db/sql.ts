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

/** True for a unique-constraint violation on either dialect (SQLite's code or Postgres' 23505). */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
