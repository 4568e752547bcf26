import type { SelectQueryBuilder } from 'kysely';
import { countAll } from './sql.ts';

/**
 * One page of a filtered select and the total it pages through, as two queries run together:
 * `select` adds the columns and the order to `base`, the count reads `base` alone (index-only
 * where the filter allows; a window `count(*) over ()` would read every matching row to return
 * one page).
 * @param page 1-based page number and rows per page.
 * @returns the page's rows and the number of rows `base` matches.
 */
export async function pageOf<Q extends SelectQueryBuilder<any, any, object>, O>(
  base: Q,
  page: { page: number; pageSize: number },
  select: (base: Q) => SelectQueryBuilder<any, any, O>,
): Promise<{ rows: O[]; total: number }> {
  const [rows, counted] = await Promise.all([
    select(base)
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    base.select(countAll.as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number((counted as { total: number | string }).total) };
}
