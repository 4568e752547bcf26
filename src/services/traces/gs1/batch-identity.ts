import type { Config } from '../../../config.ts';
import type { Db } from '../../../db/connect.ts';
import { AppError } from '../../../errors.ts';
import { digitalLinkUri } from './digital-link.ts';
import { checkBatchIdentity, lgtinUrn } from './identifiers.ts';

/** What a batch's GS1 links need: the resolver's origin and the GS1 Company Prefix length (config). */
export interface Gs1Settings {
  baseUrl: string;
  prefixLength: number;
}

export const gs1Settings = (config: Pick<Config, 'PUBLIC_BASE_URL' | 'GS1_COMPANY_PREFIX_LENGTH'>): Gs1Settings => ({
  baseUrl: config.PUBLIC_BASE_URL,
  prefixLength: config.GS1_COMPANY_PREFIX_LENGTH,
});

/** A batch's GS1 identity on the wire: all four fields when it has a GTIN and a lot, none otherwise. */
export interface BatchIdentity {
  /** GTIN-14. */
  gtin?: string;
  lot?: string;
  /** GS1 Digital Link URI on the resolver's origin (`/01/{gtin}/10/{lot}`). */
  digitalLink?: string;
  /** EPC class URN (LGTIN, TDS 2.0 §6.3.11). */
  epcClass?: string;
}

/**
 * The identity fields of a `trace_batches` row; without `gs1` settings only `gtin` and `lot`.
 * Batches without identifiers answer none of the fields, so their wire shape is unchanged.
 */
export function batchIdentity(row: { gtin: string | null; lot: string | null }, gs1?: Gs1Settings): BatchIdentity {
  if (!row.gtin || !row.lot) return {};
  if (!gs1) return { gtin: row.gtin, lot: row.lot };
  return {
    gtin: row.gtin,
    lot: row.lot,
    digitalLink: digitalLinkUri(gs1.baseUrl, row.gtin, row.lot),
    epcClass: lgtinUrn(row.gtin, row.lot, gs1.prefixLength),
  };
}

/**
 * The GS1 identity a batch write stores: `gtin` and `lot` as written, each kept from `current`
 * when absent (`null` clears it), checked as a pair (check digit, AI 10 syntax) and free across
 * every factory (a GTIN + lot names one batch for the resolver).
 * @param prefix put before the field names of errors (`items.3.` in a batch create).
 * @returns the columns to set, or undefined when the write names neither field.
 * @throws AppError VALIDATION_FAILED (field `gtin` or `lot`), DUPLICATE_RESOURCE (field `lot`).
 */
export async function identityToWrite(
  db: Db,
  input: { gtin?: string | null | undefined; lot?: string | null | undefined },
  current: { id: number; gtin: string | null; lot: string | null } | undefined,
  prefix = '',
): Promise<{ gtin: string | null; lot: string | null } | undefined> {
  if (input.gtin === undefined && input.lot === undefined) return undefined;
  let next: { gtin: string | null; lot: string | null };
  try {
    next = checkBatchIdentity({
      gtin: input.gtin === undefined ? current?.gtin : input.gtin,
      lot: input.lot === undefined ? current?.lot : input.lot,
    });
  } catch (err) {
    if (!(err instanceof AppError) || !prefix) throw err;
    throw new AppError(
      err.code,
      err.message,
      err.details.map((d) => ({ ...d, field: `${prefix}${d.field}` })),
    );
  }
  if (next.gtin && next.lot) {
    let q = db.selectFrom('trace_batches').select('id').where('gtin', '=', next.gtin).where('lot', '=', next.lot);
    if (current) q = q.where('id', '!=', current.id);
    if (await q.executeTakeFirst()) {
      const message = `GTIN ${next.gtin} and lot ${next.lot} already name another trace batch`;
      throw new AppError('DUPLICATE_RESOURCE', 'A trace batch with this GTIN and lot already exists', [{ field: `${prefix}lot`, message }]);
    }
  }
  return next;
}
