import type { Db } from '../../../db/connect.ts';
import { ownedTraceId, requireFactory } from '../common.ts';
import type { Gs1Settings } from '../gs1/batch-identity.ts';
import { batchSpellings } from './batch-export.ts';
import { type Genealogy, type GenealogyDirection, walkGenealogy } from './genealogy.ts';

/**
 * `GET /v1/traces/{id}/genealogy` (issue 14 §5): the genealogy of one batch of the caller's
 * factory over the factory's TransformationEvents, from the batch's lot in every spelling the
 * events may use (LGTIN URN at any prefix length, Digital Link on GS1's or this server's domain;
 * a batch without a GS1 identity by its public URL).
 * @returns Genealogy (walkGenealogy), `root` the batch's first spelling.
 * @throws AppError NOT_FOUND for unknown ids and other factories' ids alike; PERMISSION_DENIED without a factory.
 */
export async function batchGenealogy(
  db: Db,
  factoryId: string | null,
  wireId: string,
  gs1: Gs1Settings,
  walk: { direction: GenealogyDirection; depth: number },
): Promise<Genealogy> {
  const tenant = requireFactory(factoryId);
  const id = await ownedTraceId(db, tenant, wireId);
  const batch = await db.selectFrom('trace_batches').select(['code', 'gtin', 'lot']).where('id', '=', id).executeTakeFirstOrThrow();
  return walkGenealogy(db, tenant, batchSpellings(batch, gs1), walk.direction, walk.depth);
}
