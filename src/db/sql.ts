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
