import type { Db, DialectName } from '../../db/connect.ts';
import { containsText } from '../../db/sql.ts';
import { loadBatch, SORT_COLUMNS, selectFields, type TraceBatch, type TraceListQuery, toTraceBatch } from './batch-fields.ts';
import { ownedTraceId, type PageMeta, pageOf, parseTraceId, requireFactory } from './common.ts';
import type { Gs1Settings } from './gs1/batch-identity.ts';

/**
 * Lists the caller's factory's trace batches (spec 003 §5): paged, sorted by a whitelisted
 * field (ties broken by id in the same direction), filtered by status, by createdAt in
 * [fromDate, toDate), and by `search`, a case-insensitive literal match on name, code,
 * productId and farmId, or the exact batch id (`trace-12`).
 * @returns `{data, meta}` with spec 003's paging meta; `data` trimmed to `fields`, with GS1 links when `gs1` is given.
 * @throws AppError PERMISSION_DENIED for callers without a factory.
 */
export async function listTraceBatches(
  deps: { db: Db; dialect: DialectName },
  factoryId: string | null,
  query: TraceListQuery,
  gs1?: Gs1Settings,
): Promise<{ data: Partial<TraceBatch>[]; meta: PageMeta }> {
  const tenant = requireFactory(factoryId);
  const { db, dialect } = deps;
  let q = db.selectFrom('trace_batches').where('factory_id', '=', tenant);
  if (query.status) q = q.where('status', '=', query.status);
  const search = query.search?.trim();
  if (search) {
    const id = parseTraceId(search);
    q = q.where((eb) =>
      eb.or([
        containsText(dialect, eb.ref('name'), search),
        containsText(dialect, eb.ref('code'), search),
        containsText(dialect, eb.ref('product_id'), search),
        containsText(dialect, eb.ref('farm_id'), search),
        ...(id === undefined ? [] : [eb('id', '=', id)]),
      ]),
    );
  }
  const { rows, meta } = await pageOf(q, query, 'created_at', SORT_COLUMNS[query.sortBy]);
  return { data: rows.map((r) => selectFields(toTraceBatch(r, gs1), query.fields)), meta };
}

/**
 * One batch of the caller's factory, trimmed to `fields`.
 * @throws AppError NOT_FOUND for unknown ids and other factories' ids alike.
 */
export async function getTraceBatch(
  db: Db,
  factoryId: string | null,
  wireId: string,
  fields?: string,
  gs1?: Gs1Settings,
): Promise<Partial<TraceBatch>> {
  const tenant = requireFactory(factoryId);
  const id = await ownedTraceId(db, tenant, wireId);
  return selectFields(await loadBatch(db, id, gs1), fields);
}
