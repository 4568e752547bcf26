import type { SelectQueryBuilder } from 'kysely';
import { pageOf } from '../../db/paging.ts';
import { isUniqueViolation } from '../../db/sql.ts';
import { AppError } from '../../errors.ts';

/** Epoch ms → ISO 8601 UTC to the second (`2024-01-15T10:30:00Z`, spec 001 "注意事项" 3). */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A stored row as the API shows it: the `columns` named, in that order, then `created_at` and
 * `updated_at` as ISO 8601 seconds.
 */
export function apiRow<R extends { created_at: number; updated_at: number }, K extends keyof R>(row: R, columns: readonly K[]) {
  const picked = Object.fromEntries(columns.map((c) => [c, row[c]])) as Pick<R, K>;
  return { ...picked, created_at: isoSeconds(row.created_at), updated_at: isoSeconds(row.updated_at) };
}

/**
 * Runs a write and turns a unique-constraint violation into 409 DUPLICATE_RESOURCE, so two
 * concurrent creations of the same code cannot both succeed nor answer 500.
 */
export async function uniqueOr409<T>(write: () => Promise<T>, message: string, field: string): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('DUPLICATE_RESOURCE', message, [{ field, message }]);
    throw err;
  }
}

/** A body field that names a row the caller's factory does not have: 400 with the field named. */
export function badReference(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, [{ field, message }]);
}

/** 409 for a row other rows still point at. */
export function inUse(message: string): AppError {
  return new AppError('CONFLICT', message);
}

/** Drops `undefined` values so an update only sets what the caller sent. */
export function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * An inclusive `YYYY-MM-DD` range of a list query.
 * @throws AppError VALIDATION_FAILED (field `start_date`) when the start is after the end.
 */
export function checkDateRange(query: { start_date?: string | undefined; end_date?: string | undefined }): void {
  if (query.start_date && query.end_date && query.start_date > query.end_date) {
    throw new AppError('VALIDATION_FAILED', '开始日期不能晚于结束日期', [{ field: 'start_date', message: 'after end_date' }]);
  }
}

/** A page of a list: its rows, the number of matching rows, of pages (0 when none match), and which page. */
export interface Page<R> {
  rows: R[];
  total: number;
  pages: number;
  current_page: number;
}

/**
 * Pages a filtered select the way spec 001's metal prices do (Flask's paginate): `per_page` is
 * clamped to `maxPerPage`, a page past the last is empty.
 * @param select adds the columns and the order to the filtered `base`.
 */
export async function paginate<Q extends SelectQueryBuilder<any, any, object>, O>(
  base: Q,
  query: { page: number; per_page: number },
  maxPerPage: number,
  select: (base: Q) => SelectQueryBuilder<any, any, O>,
): Promise<Page<O>> {
  const perPage = Math.min(query.per_page, maxPerPage);
  const { rows, total } = await pageOf(base, { page: query.page, pageSize: perPage }, select);
  return { rows, total, pages: Math.ceil(total / perPage), current_page: query.page };
}
