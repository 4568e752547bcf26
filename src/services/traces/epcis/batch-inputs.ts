/**
 * A batch made from other lots (issue 14 §2): `POST /v1/traces/{id}/inputs` records one EPCIS 2.0
 * TransformationEvent whose inputs are the lots consumed (the factory's own batches, or any lot's
 * EPC class, e.g. a supplier's Digital Link) and whose output is the batch, so the genealogy and
 * recalls can follow it.
 */
import type { Db } from '../../../db/connect.ts';
import { AppError } from '../../../errors.ts';
import { ownedTraceId, requireFactory } from '../common.ts';
import type { Gs1Settings } from '../gs1/batch-identity.ts';
import { batchClass, epcisDocument } from './batch-export.ts';
import { capture } from './capture.ts';

/** One consumed lot: a batch of the caller's factory (`traceId`) or a lot's EPC class; kilograms used. */
export type BatchInput = { traceId: string; quantityKg: number } | { epcClass: string; quantityKg: number };

export interface BatchInputsResult {
  /** The TransformationEvent's eventID (its CBV 2.0 hash). */
  eventId: string;
  /** False when the same event was recorded before (the call is idempotent). */
  captured: boolean;
  event: Record<string, unknown>;
}

/**
 * Records that batch `wireId` was made from `inputs`: a TransformationEvent at `eventTime`
 * (default now), inputs with their kilograms, the batch as output with its quantity × unit
 * weight in kilograms, at the factory's GLN when it has one.
 * @throws AppError NOT_FOUND (the batch is absent or another factory's), VALIDATION_FAILED naming
 *   `inputs.<i>.traceId` (absent, another factory's, or the batch itself).
 */
export async function recordBatchInputs(
  db: Db,
  factoryId: string | null,
  wireId: string,
  body: { inputs: BatchInput[]; eventTime?: string | undefined },
  gs1: Gs1Settings,
): Promise<BatchInputsResult> {
  const tenant = requireFactory(factoryId);
  const id = await ownedTraceId(db, tenant, wireId);
  const batch = await db.selectFrom('trace_batches').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const inputQuantityList = [];
  for (const [i, input] of body.inputs.entries()) {
    inputQuantityList.push({ epcClass: await inputClass(db, tenant, id, input, i, gs1), quantity: input.quantityKg, uom: 'KGM' });
  }
  const factory = await db.selectFrom('factories').select('gln').where('id', '=', tenant).executeTakeFirst();
  const place = factory?.gln ? { id: `https://id.gs1.org/414/${factory.gln}` } : undefined;
  const event = {
    type: 'TransformationEvent',
    eventTime: new Date(body.eventTime ?? Date.now()).toISOString(),
    eventTimeZoneOffset: '+00:00',
    inputQuantityList,
    outputQuantityList: [
      { epcClass: batchClass(batch, gs1), quantity: Number((batch.quantity * batch.unit_weight).toFixed(3)), uom: 'KGM' },
    ],
    bizStep: 'commissioning',
    ...(place && { readPoint: place, bizLocation: place }),
  };
  const result = await capture(db, tenant, epcisDocument([event]));
  return { eventId: result.eventIds[0] as string, captured: result.captured === 1, event: { eventID: result.eventIds[0], ...event } };
}

async function inputClass(db: Db, tenant: string, outputId: number, input: BatchInput, i: number, gs1: Gs1Settings): Promise<string> {
  if ('epcClass' in input) return input.epcClass;
  const field = `inputs.${i}.traceId`;
  const refused = (message: string) => new AppError('VALIDATION_FAILED', message, [{ field, message }]);
  const inputId = await ownedTraceId(db, tenant, input.traceId).catch((err: unknown) => {
    throw err instanceof AppError && err.code === 'NOT_FOUND' ? refused(`${input.traceId} is not a batch of this factory`) : err;
  });
  if (inputId === outputId) throw refused('A batch cannot be made from itself');
  const row = await db.selectFrom('trace_batches').selectAll().where('id', '=', inputId).executeTakeFirstOrThrow();
  return batchClass(row, gs1);
}
