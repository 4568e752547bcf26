import type { Db } from '../../db/connect.ts';
import { isUniqueViolation } from '../../db/sql.ts';
import { AppError } from '../../errors.ts';
import { loadBatch, type TraceBatch, type TraceBatchInput, toTraceBatch } from './batch-fields.ts';
import { newPublicCode, ownedTraceId, parseIsoInstant, requireFactory } from './common.ts';
import { type Gs1Settings, identityToWrite } from './gs1/batch-identity.ts';

/**
 * Creates one batch with a fresh public code, status `active` unless given; `gs1` adds its
 * Digital Link and EPC class to the answer when it has a GTIN and lot.
 * @throws AppError DUPLICATE_RESOURCE when the factory already has a batch of that name, or any
 *   batch has that GTIN and lot; VALIDATION_FAILED for a bad GTIN or lot.
 */
export async function createTraceBatch(db: Db, factoryId: string | null, input: TraceBatchInput, gs1?: Gs1Settings): Promise<TraceBatch> {
  const tenant = requireFactory(factoryId);
  return db.transaction().execute((trx) => insertBatch(trx, tenant, input, 'name', gs1));
}

/**
 * Creates many batches in one transaction: all or none (spec 003 "批量操作").
 * @returns the created batches in input order.
 * @throws AppError DUPLICATE_RESOURCE naming `items.<i>.name` when an item's name is taken
 *   (by an existing batch or an earlier item); nothing is written then.
 */
export async function createTraceBatches(
  db: Db,
  factoryId: string | null,
  items: TraceBatchInput[],
  gs1?: Gs1Settings,
): Promise<TraceBatch[]> {
  const tenant = requireFactory(factoryId);
  return db.transaction().execute(async (trx) => {
    const out: TraceBatch[] = [];
    for (const [i, item] of items.entries()) out.push(await insertBatch(trx, tenant, item, `items.${i}.name`, gs1));
    return out;
  });
}

/**
 * PUT: replaces every writable field; `status` resets to `active` when omitted; `gtin` and `lot`
 * stay unless given (a client that predates them cannot erase a printed identity).
 * @throws AppError NOT_FOUND, DUPLICATE_RESOURCE, VALIDATION_FAILED.
 */
export async function replaceTraceBatch(
  db: Db,
  factoryId: string | null,
  wireId: string,
  input: TraceBatchInput,
  gs1?: Gs1Settings,
): Promise<TraceBatch> {
  return updateTraceBatch(db, factoryId, wireId, { ...input, status: input.status ?? 'active' }, gs1);
}

/**
 * PATCH: changes the given fields only.
 * @throws AppError NOT_FOUND, DUPLICATE_RESOURCE, VALIDATION_FAILED.
 */
export async function updateTraceBatch(
  db: Db,
  factoryId: string | null,
  wireId: string,
  patch: Partial<TraceBatchInput>,
  gs1?: Gs1Settings,
): Promise<TraceBatch> {
  const tenant = requireFactory(factoryId);
  return db.transaction().execute(async (trx) => {
    const id = await ownedTraceId(trx, tenant, wireId);
    if (patch.name !== undefined) await assertNameFree(trx, tenant, patch.name, 'name', id);
    const current = await trx.selectFrom('trace_batches').select(['id', 'gtin', 'lot']).where('id', '=', id).executeTakeFirstOrThrow();
    const identity = await identityToWrite(trx, patch, current);
    const set = {
      ...identity,
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.productId !== undefined && { product_id: patch.productId }),
      ...(patch.quantity !== undefined && { quantity: patch.quantity }),
      ...(patch.unitWeight !== undefined && { unit_weight: patch.unitWeight }),
      ...(patch.harvestDate !== undefined && { harvest_date: instant(patch.harvestDate) }),
      ...(patch.farmId !== undefined && { farm_id: patch.farmId }),
      ...(patch.status !== undefined && { status: patch.status }),
      updated_at: Date.now(),
    };
    await guardUnique(() => trx.updateTable('trace_batches').set(set).where('id', '=', id).execute(), 'name', patch.name ?? '');
    return loadBatch(trx, id, gs1);
  });
}

/**
 * Deletes a batch and its logs.
 * @throws AppError NOT_FOUND.
 */
export async function deleteTraceBatch(db: Db, factoryId: string | null, wireId: string): Promise<void> {
  const tenant = requireFactory(factoryId);
  await db.transaction().execute(async (trx) => {
    const id = await ownedTraceId(trx, tenant, wireId);
    await trx.deleteFrom('trace_logs').where('trace_id', '=', id).execute();
    await trx.deleteFrom('trace_batches').where('id', '=', id).execute();
  });
}

async function insertBatch(db: Db, factoryId: string, input: TraceBatchInput, nameField: string, gs1?: Gs1Settings): Promise<TraceBatch> {
  await assertNameFree(db, factoryId, input.name, nameField);
  const identity = await identityToWrite(db, input, undefined, nameField.slice(0, -'name'.length));
  const now = Date.now();
  const row = await guardUnique(
    () =>
      db
        .insertInto('trace_batches')
        .values({
          factory_id: factoryId,
          code: newPublicCode(),
          name: input.name,
          product_id: input.productId,
          quantity: input.quantity,
          unit_weight: input.unitWeight,
          harvest_date: instant(input.harvestDate),
          farm_id: input.farmId,
          status: input.status ?? 'active',
          ...identity,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    nameField,
    input.name,
  );
  return toTraceBatch(row, gs1);
}

async function assertNameFree(db: Db, factoryId: string, name: string, field: string, exceptId?: number): Promise<void> {
  let q = db.selectFrom('trace_batches').select('id').where('factory_id', '=', factoryId).where('name', '=', name);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw duplicateName(field, name);
}

/** The name check above can race; the unique index then answers the same way. */
async function guardUnique<T>(write: () => Promise<T>, field: string, name: string): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateName(field, name);
    throw err;
  }
}

function duplicateName(field: string, name: string): AppError {
  return new AppError('DUPLICATE_RESOURCE', 'A trace batch with this name already exists', [
    { field, message: `Name ${name} is already used by another batch of this factory` },
  ]);
}

function instant(iso: string): number {
  const ms = parseIsoInstant(iso);
  if (ms === undefined) throw new AppError('VALIDATION_FAILED', 'Validation failed', [{ field: 'harvestDate', message: 'Invalid date' }]);
  return ms;
}
